import { check } from "../check.ts";
import type { JobObservation } from "../workloads/job-observation.ts";

/** What the crowd's positions are compared with: ground truth from arrival order and the server's dequeue log. */
export interface StalenessInput {
  /** The crowd's jobs in the order the server received them (joins were sent one after another). */
  readonly arrivalOrder: readonly string[];
  /** When each crowd job started, from the handlers' own records. */
  readonly starts: ReadonlyMap<string, number>;
  readonly observations: readonly JobObservation[];
  /** Dequeues in [from, to] are scored. */
  readonly dequeuesFrom: number;
  readonly dequeuesTo: number;
  /** Positions shown after this are ignored (cancelling the crowd moves positions too). */
  readonly observedUntil: number;
}

export interface Staleness {
  /** Lag samples in ms, one per (waiting client, dequeue ahead of it). */
  readonly lags: Float64Array;
  /** Samples whose client never caught up before `observedUntil`: counted as `observedUntil − dequeue`. */
  readonly censored: number;
}

/**
 * Staleness of the positions the clients show, against the truth.
 *
 * Truth: the queue is one FIFO (limit 1), so the k-th job to start is the k-th to arrive, and the jobs ahead of a
 * client c still waiting at time t are those that arrived before c (a_c of them, a_c = c's arrival index) minus
 * those started by t. The bench checks the FIFO premise itself: start order must equal arrival order.
 *
 * Sample: for every dequeue k of a job ahead of c (k < a_c), at time s_k inside the scored window and after c
 * was queued, c's true rank drops to a_c − k − 1. Its staleness is the time from s_k until c first shows a
 * position ≤ a_c − k − 1 (or starts): how late the client learns of that dequeue. The client's position comes from the
 * protocol alone (its `queued` events, computed client-side from `group` broadcasts).
 *
 * Also checked: a client never shows fewer jobs ahead than there truly are (that would be a wrong position).
 */
export function staleness(input: StalenessInput): Staleness {
  const arrival = new Map(input.arrivalOrder.map((id, index) => [id, index]));
  // Starts after the observation are left out: the crowd is cancelled then, and a job behind cancelled ones may
  // legitimately start before them.
  const startTimes = [...input.starts].filter(([, at]) => at <= input.observedUntil).sort((a, b) => a[1] - b[1]);
  startTimes.forEach(([id], k) => {
    if (arrival.get(id) !== k) check(false, `crowd: the ${k + 1}th job to start, ${id}, arrived ${arrival.get(id)! + 1}th: the queue is not FIFO (${skipped(input, k)})`);
  });
  const s = startTimes.map(([, at]) => at);
  const lags: number[] = [];
  let censored = 0;

  for (const o of input.observations) {
    const a = arrival.get(o.id);
    if (a === undefined || o.queuedAt === null) continue;
    const shown: { at: number; rank: number }[] = [];
    for (let i = 0; i < o.positions.length; i += 2) {
      if (o.positions[i]! <= input.observedUntil) shown.push({ at: o.positions[i]!, rank: o.positions[i + 1]! });
    }
    // Never better than the truth: at each shown position, count the jobs ahead that had started by then.
    let started = 0;
    for (const { at, rank } of shown) {
      while (started < Math.min(a, s.length) && s[started]! <= at) started++;
      check(rank >= a - started, `crowd: ${o.id} showed position ${rank} at ${at.toFixed(1)} while ${a - started} jobs were still ahead of it`);
    }
    // Starting is the last word on position: a client whose job started knows nothing is ahead of it.
    if (o.startedAt !== null && o.startedAt <= input.observedUntil) shown.push({ at: o.startedAt, rank: -1 });
    let j = 0;
    for (let k = 0; k < Math.min(a, s.length); k++) {
      const at = s[k]!;
      if (at < input.dequeuesFrom || at > input.dequeuesTo || at <= o.queuedAt) continue;
      const target = a - k - 1;
      while (j < shown.length && shown[j]!.rank > target) j++;
      if (j < shown.length) lags.push(Math.max(0, shown[j]!.at - at));
      else {
        lags.push(input.observedUntil - at);
        censored++;
      }
    }
  }
  return { lags: Float64Array.from(lags), censored };
}

/** What became of the job that should have started `k`th: tells a queue that skipped it from a lost record. */
function skipped(input: StalenessInput, k: number): string {
  const id = input.arrivalOrder[k]!;
  const start = input.starts.get(id);
  const o = input.observations.find((observation) => observation.id === id);
  const seen = o ? `its client saw queued at ${o.queuedAt?.toFixed(0) ?? "—"}, started at ${o.startedAt?.toFixed(0) ?? "—"}, outcome ${o.outcome}${o.errorCode ? ` (${o.errorCode})` : ""}` : "no client observation";
  return `${id} ${start === undefined ? "has no handler record" : `started at ${start.toFixed(0)}`}; ${seen}; window ends at ${input.observedUntil.toFixed(0)}`;
}
