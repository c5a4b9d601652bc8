import { BlockworkError, type DependencyConfig, type HandlerEntry } from "@blockwork/core";
import type { TimerHandle } from "./clock.ts";
import type { Job } from "./job.ts";
import { mapInputs } from "./map-outputs.ts";

/**
 * Jobs of one `batch` listener handed to one handler call, in one slot. The first job holds the slot; while the
 * batch is `collecting` (its `batchWaitMs` window), new jobs of the listener join it instead of queueing.
 */
export class Batch {
  readonly dependency: DependencyConfig;
  readonly maxSize: number;
  readonly jobs: Job[] = [];
  /** The handler's `ctx.signal`: aborted once every job of the batch has been cancelled or timed out. */
  readonly abort = new AbortController();
  collecting: TimerHandle | null = null;

  constructor(dependency: DependencyConfig) {
    this.dependency = dependency;
    this.maxSize = dependency.batch?.maxSize ?? 1;
  }

  get full(): boolean {
    return this.jobs.length >= this.maxSize;
  }

  add(job: Job): void {
    job.batch = this;
    this.jobs.push(job);
  }

  /** Called when one of its jobs settles early: the handler's signal aborts once nobody waits for it. */
  settled(): void {
    if (this.jobs.every((job) => job.settled)) this.abort.abort();
  }
}

/** The batch handler's arguments: one array per input, the jobs' values in order. */
export function batchArguments(entry: HandlerEntry, jobs: readonly Job[]): unknown[][] {
  const perJob = jobs.map((job) => mapInputs(entry, job.data, job.session));
  return entry.inputs.map((_, k) => perJob.map((args) => args[k]));
}

/** Splits a batch handler's result (one array per output) into one result per job, as a plain handler returns it. */
export function splitBatchResult(entry: HandlerEntry, result: unknown, size: number): unknown[] {
  const outputs = entry.outputs.length;
  if (outputs === 0) return new Array<unknown>(size).fill(undefined);
  if (!Array.isArray(result) || result.length !== outputs || !result.every((column) => Array.isArray(column) && column.length === size)) {
    throw new BlockworkError(
      `${entry.apiName} is a batch handler: it must return ${outputs} array${outputs === 1 ? "" : "s"} (one per output) of ${size} values (one per job)`,
    );
  }
  const columns = result as unknown[][];
  return Array.from({ length: size }, (_, i) => (outputs === 1 ? columns[0]![i] : columns.map((column) => column[i])));
}
