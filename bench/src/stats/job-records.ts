import type { JobRecord } from "../servers/job-recorder.ts";

/** The most handlers running at once, from their own start/end records (an end at the same instant as a start frees first). */
export function maxConcurrency(records: readonly JobRecord[]): number {
  const events = records.flatMap((r) => [
    { at: r.start, delta: 1 },
    { at: r.end, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let max = 0;
  for (const { delta } of events) {
    running += delta;
    max = Math.max(max, running);
  }
  return max;
}

export interface Throughput {
  /** Jobs per second a perfect queue reaches: limit / mean recorded run time. */
  readonly ideal: number;
  /** Jobs per second achieved: jobs / (last end − first start). */
  readonly achieved: number;
  /** Mean run time the handlers recorded, ms (above the nominal T when timers overshoot under load). */
  readonly meanRunMs: number;
}

/**
 * Achieved vs ideal rate, as issue 4 defines them: jobs of T seconds at limit L complete at L/T per second, with T
 * the handlers' own mean recorded run time (so timer overshoot under load is not counted against the queue), over
 * the window from the first start to the last end.
 */
export function throughput(records: readonly JobRecord[], limit: number): Throughput {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let totalRun = 0;
  for (const r of records) {
    first = Math.min(first, r.start);
    last = Math.max(last, r.end);
    totalRun += r.end - r.start;
  }
  const meanRunMs = totalRun / records.length;
  return { ideal: (limit * 1000) / meanRunMs, achieved: (records.length * 1000) / (last - first), meanRunMs };
}

/**
 * Dispatch gaps: how long a freed slot stayed empty while a job was waiting. With limit L and FIFO dispatch, the
 * (L+k)-th start takes the slot the k-th end freed, so gap k = start[L+k] − end[k]. A gap counts only when the job
 * that took the slot was already waiting when it freed (`waitingSince` < that end): otherwise the slot was idle
 * for lack of work, which is not the dispatcher's doing.
 */
export function dispatchGaps(records: readonly JobRecord[], limit: number, waitingSince: (id: string) => number | null): number[] {
  const starts = [...records].sort((a, b) => a.start - b.start);
  const ends = records.map((r) => r.end).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let k = 0; limit + k < starts.length; k++) {
    const next = starts[limit + k]!;
    const freed = ends[k]!;
    const since = waitingSince(next.id);
    if (since !== null && since < freed) gaps.push(Math.max(0, next.start - freed));
  }
  return gaps;
}

/**
 * The share of the limit's slot time that handlers held within [from, to]: the queue's throughput over ideal in that
 * window, measured continuously. (Counting the jobs that ended in a window of a few hundred ms is off by up to one
 * job per slot, ±10 % for 5 slots in half a second.)
 */
export function occupancy(records: readonly JobRecord[], limit: number, from: number, to: number): number {
  let held = 0;
  for (const r of records) held += Math.max(0, Math.min(r.end, to) - Math.max(r.start, from));
  return held / (limit * (to - from));
}
