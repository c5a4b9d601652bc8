import type { CompiledApp, DependencyConfig, ErrorCode, ErrorPayload, HandlerEntry, JobMessage } from "@blockwork/core";
import type { Logger } from "../logger.ts";
import type { Session } from "../session/session.ts";
import { systemClock, type Clock } from "./clock.ts";
import { ConcurrencyGroup } from "./concurrency-group.ts";
import { EtaEstimator } from "./eta-estimator.ts";
import { handlerErrorPayload } from "./handler-error.ts";
import { Job } from "./job.ts";
import { mapInputs, mapOutputs } from "./map-outputs.ts";
import { runHandler } from "./run-handler.ts";
import type { RuntimeHooks, RuntimeSink } from "./runtime-sink.ts";

export interface QueueRuntimeOptions {
  readonly compiled: CompiledApp;
  readonly sink: RuntimeSink;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Show the real message of non-`BlockworkError` handler errors. */
  readonly showError?: boolean;
  readonly hooks?: RuntimeHooks;
  /** Minimum time between two updates of one group. */
  readonly groupUpdateIntervalMs?: number;
  readonly newId?: () => string;
}

export interface SubmitRequest {
  readonly owner: string;
  readonly session: Session;
  readonly dependencyId: number;
  readonly data: readonly unknown[];
}

export type RuntimeReply<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: ErrorPayload };

export interface RuntimeStats {
  readonly waiting: number;
  readonly running: number;
  readonly groups: readonly { readonly id: string; readonly limit: number | null; readonly waiting: number; readonly running: number }[];
}

/**
 * The dispatcher: one `ConcurrencyGroup` per group, jobs started the moment a slot frees (no polling), and the
 * job lifecycle (started → partial* → complete | error) reported through the sink.
 */
export class QueueRuntime {
  readonly #sink: RuntimeSink;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #showError: boolean;
  readonly #hooks: RuntimeHooks;
  readonly #newId: () => string;
  readonly #maxSize: number | null;
  readonly #dependencies = new Map<number, { config: DependencyConfig; entry: HandlerEntry }>();
  readonly #groups = new Map<string, ConcurrencyGroup>();
  readonly #jobs = new Map<string, Job>();
  readonly #byOwner = new Map<string, Set<Job>>();
  readonly #listenerEta = new EtaEstimator<number>();
  readonly #groupEta = new EtaEstimator<string>();
  #waiting = 0;
  #running = 0;
  #closed = false;

  constructor(options: QueueRuntimeOptions) {
    this.#sink = options.sink;
    this.#logger = options.logger;
    this.#clock = options.clock ?? systemClock;
    this.#showError = options.showError ?? false;
    this.#hooks = options.hooks ?? {};
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    const { config, handlers } = options.compiled;
    this.#maxSize = config.queue.maxSize;
    for (const dependency of config.dependencies) {
      const entry = handlers.get(dependency.id);
      if (entry) this.#dependencies.set(dependency.id, { config: dependency, entry });
    }
    for (const group of config.groups) {
      this.#groups.set(
        group.id,
        new ConcurrencyGroup({
          id: group.id,
          limit: group.limit,
          clock: this.#clock,
          updateIntervalMs: options.groupUpdateIntervalMs ?? 250,
          averageRunMs: () => this.#groupEta.get(group.id),
          onUpdate: (message) => this.#sink.broadcast(message),
        }),
      );
    }
  }

  /** Starts the job at once if its group has a free slot and nobody waits, queues it otherwise. */
  submit(request: SubmitRequest): RuntimeReply<{ job: Job }> {
    if (this.#closed) return refuse("server_stopping", "The server is shutting down; try again shortly.");
    const dependency = this.#dependencies.get(request.dependencyId);
    if (!dependency) return refuse("unknown_api", `No listener has id ${request.dependencyId}.`);
    const group = dependency.config.groupId === null ? null : (this.#groups.get(dependency.config.groupId) ?? null);
    if (group && !group.canStartNow() && this.#maxSize !== null && this.#waiting >= this.#maxSize) {
      const retryAfterMs = this.#retryAfterMs();
      return {
        ok: false,
        error: {
          code: "queue_full",
          message: `The queue is full: ${this.#waiting} jobs are already waiting (the limit is ${this.#maxSize}). Try again later.`,
          ...(retryAfterMs === null ? {} : { retryAfterMs }),
        },
      };
    }
    const job = new Job({
      id: this.#newId(),
      owner: request.owner,
      session: request.session,
      dependency: dependency.config,
      entry: dependency.entry,
      group,
      data: request.data,
    });
    this.#jobs.set(job.id, job);
    let owned = this.#byOwner.get(job.owner);
    if (!owned) this.#byOwner.set(job.owner, (owned = new Set()));
    owned.add(job);

    if (!group || group.canStartNow()) {
      this.#start(job);
    } else {
      const place = group.enqueue(job);
      this.#waiting++;
      this.#sink.enteredQueue(job);
      this.#sink.send(job, { type: "queued", jobId: job.id, groupId: group.id, ...place, estimate: group.estimate() });
    }
    return { ok: true, job };
  }

  /**
   * Cancels a job of `sessionId`: a waiting one leaves the queue and never runs; a running one is told
   * `cancelled` at once and its signal aborted, and keeps its slot until its handler returns.
   */
  cancel(jobId: string, sessionId: string): RuntimeReply<object> {
    const job = this.#jobs.get(jobId);
    if (!job || job.session.id !== sessionId || job.settled) {
      return refuse("validation", "No such job in this session; it may have finished already.");
    }
    this.#end(job, { code: "cancelled", message: "The job was cancelled." });
    return { ok: true };
  }

  /** Drops the owner's waiting jobs (they never run); its running jobs finish and free their slots. */
  dropWaiting(owner: string, code: ErrorCode = "disconnected"): void {
    const owned = this.#byOwner.get(owner);
    if (!owned) return;
    for (const job of [...owned]) {
      if (job.phase === "waiting") this.#end(job, { code, message: "The job was dropped because its connection closed." });
    }
  }

  /** Refuses new jobs and drops every waiting one; running handlers are left to finish. */
  close(): void {
    this.#closed = true;
    for (const job of [...this.#jobs.values()]) {
      if (job.phase === "waiting") this.#end(job, { code: "server_stopping", message: "The server is shutting down." });
    }
    for (const group of this.#groups.values()) group.close();
  }

  stats(): RuntimeStats {
    return {
      waiting: this.#waiting,
      running: this.#running,
      groups: [...this.#groups.values()].map((g) => ({ id: g.id, limit: g.limit, waiting: g.waiting.size, running: g.running.size })),
    };
  }

  /** Settles a job with an error: a waiting job is removed at once; a running one is aborted. */
  #end(job: Job, error: ErrorPayload): void {
    if (job.phase === "waiting") {
      job.group?.removeWaiting(job);
      this.#waiting--;
      this.#sink.leftQueue(job);
      this.#forget(job);
    } else {
      job.abort.abort();
    }
    this.#settle(job, { type: "error", jobId: job.id, error });
  }

  #start(job: Job): void {
    job.phase = "running";
    job.startedAt = this.#clock.now();
    this.#running++;
    if (job.group) {
      job.group.running.add(job);
      this.#hooks.jobStarted?.(job);
    }
    this.#sink.send(job, { type: "started", jobId: job.id, etaMs: roundOrNull(this.#listenerEta.get(job.dependency.id)) });
    void this.#run(job);
  }

  async #run(job: Job): Promise<void> {
    try {
      // Always yield first, so that a handler never runs inside `submit` (before the join is acknowledged).
      await (job.group ? this.#hooks.beforeHandler?.(job) : undefined);
      if (job.abort.signal.aborted) return;
      const args = mapInputs(job.entry, job.data, job.session);
      const result = await runHandler(job.entry, args, { session: { id: job.session.id } }, {
        signal: job.abort.signal,
        onPartial: (value) => {
          if (!job.settled) this.#sink.send(job, { type: "partial", jobId: job.id, data: mapOutputs(job.entry, value, job.session) });
        },
      });
      if (job.settled) return;
      const data = mapOutputs(job.entry, result, job.session);
      const ranMs = this.#clock.now() - job.startedAt;
      this.#listenerEta.record(job.dependency.id, ranMs);
      if (job.group) this.#groupEta.record(job.group.id, ranMs);
      this.#settle(job, { type: "complete", jobId: job.id, data });
    } catch (error) {
      if (!job.settled) this.#settle(job, { type: "error", jobId: job.id, error: handlerErrorPayload(error, job.apiName, { showError: this.#showError, logger: this.#logger }) });
    } finally {
      this.#release(job);
    }
  }

  #settle(job: Job, message: JobMessage): void {
    job.settled = true;
    this.#sink.send(job, message);
  }

  /** Frees the job's slot and hands it to the head of the queue, in the same turn. */
  #release(job: Job): void {
    this.#running--;
    this.#forget(job);
    const group = job.group;
    if (!group) return;
    group.running.delete(job);
    this.#hooks.jobEnded?.(job);
    for (let next = group.takeNext(); next; next = group.takeNext()) {
      this.#waiting--;
      this.#sink.leftQueue(next);
      this.#start(next);
    }
  }

  #forget(job: Job): void {
    job.phase = "done";
    this.#jobs.delete(job.id);
    const owned = this.#byOwner.get(job.owner);
    owned?.delete(job);
    if (owned?.size === 0) this.#byOwner.delete(job.owner);
  }

  /** When a waiting slot should free up: the soonest expected start among groups with waiting jobs. */
  #retryAfterMs(): number | null {
    let best: number | null = null;
    for (const group of this.#groups.values()) {
      if (group.waiting.size === 0) continue;
      const ms = group.timeToFreeSlot();
      if (ms !== null && (best === null || ms < best)) best = ms;
    }
    return best === null ? null : Math.max(1, Math.round(best));
  }
}

function refuse(code: ErrorCode, message: string): { ok: false; error: ErrorPayload } {
  return { ok: false, error: { code, message } };
}

function roundOrNull(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}
