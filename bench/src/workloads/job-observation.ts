import type { Job } from "@blockwork/client";
import { now } from "../clock.ts";

/** One submission as its client lived it, stamped with the shared clock. */
export interface JobObservation {
  /** The job's input, unique in the run: matches the server's `JobRecord.id`. */
  readonly id: string;
  readonly api: string;
  readonly submitAt: number;
  /** When the server acknowledged the join (set where the workload waits for it). */
  joinedAt: number | null;
  /** First `queued` event; null if the job started at once. */
  queuedAt: number | null;
  /** Every position the client showed, flattened: `[time, position, time, position, …]`. */
  readonly positions: number[];
  startedAt: number | null;
  endAt: number | null;
  outcome: "complete" | "error" | "unfinished";
  errorCode: string | null;
  /** Whether the result was the one the handler computes for this input. */
  outputOk: boolean;
}

export function newObservation(id: string, api: string): JobObservation {
  return { id, api, submitAt: now(), joinedAt: null, queuedAt: null, positions: [], startedAt: null, endAt: null, outcome: "unfinished", errorCode: null, outputOk: false };
}

/** Follows the job's events until it ends, recording when each arrived. */
export async function observe(job: Job, observation: JobObservation, expected: string): Promise<void> {
  for await (const event of job) {
    const at = now();
    switch (event.type) {
      case "queued":
        observation.queuedAt ??= at;
        observation.positions.push(at, event.position);
        break;
      case "started":
        observation.startedAt = at;
        break;
      case "complete":
        observation.endAt = at;
        observation.outcome = "complete";
        observation.outputOk = event.data.length === 1 && event.data[0] === expected;
        break;
      case "error":
        observation.endAt = at;
        observation.outcome = "error";
        observation.errorCode = event.code;
        break;
    }
  }
}
