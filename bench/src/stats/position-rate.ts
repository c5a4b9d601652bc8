import type { FrameCounts } from "../workloads/frame-counter.ts";
import type { JobObservation } from "../workloads/job-observation.ts";

/** The most events that fall in any window of `windowMs` (times ascending). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let max = 0;
  for (let from = 0, to = 0; to < times.length; to++) {
    while (times[to]! - times[from]! >= windowMs) from++;
    max = Math.max(max, to - from + 1);
  }
  return max;
}

export interface PositionRate {
  /** Clients that waited (got a `queued`). */
  readonly waitingClients: number;
  /** `group` messages received per waiting client, on average over the whole wait. */
  readonly perClient: number;
  /** `group` messages per second of waiting, per client: what the ≤ 4/s target is about. */
  readonly perClientSecond: number;
  /** The most `queued` events one client yielded in any one second (they follow the position messages). */
  readonly maxClientEventsPerSecond: number;
  /**
   * The server's group broadcasts per second while they went on: what a client waiting throughout receives.
   * `null` with fewer than two broadcasts.
   */
  readonly broadcastsPerSecond: number | null;
  /** The most broadcasts that arrived in any one second (arrival jitter can squeeze one more in than sent). */
  readonly maxBroadcastsPerSecond: number;
}

/**
 * How often waiting clients hear about their position. The protocol rate comes from the `group` messages counted
 * at the generators' WebSockets, divided by the clients' total waiting time (first `queued` to `started` or end),
 * clipped to `window`, the span the frames were counted over, when given.
 */
export function positionRate(observations: readonly JobObservation[], frames: FrameCounts, window?: { from: number; to: number }): PositionRate {
  let waitingClients = 0;
  let waitingMs = 0;
  let maxClientEventsPerSecond = 0;
  for (const o of observations) {
    if (o.queuedAt === null) continue;
    waitingClients++;
    // Only the waiting inside the window the frames were counted in, when there is one.
    const from = Math.max(o.queuedAt, window?.from ?? o.queuedAt);
    const to = Math.min(o.startedAt ?? o.endAt ?? window?.to ?? o.queuedAt, window?.to ?? Number.POSITIVE_INFINITY);
    waitingMs += Math.max(0, to - from);
    const times = o.positions.filter((_, i) => i % 2 === 0);
    maxClientEventsPerSecond = Math.max(maxClientEventsPerSecond, maxInWindow(times, 1000));
  }
  const times = frames.broadcasts.map(([, at]) => at);
  const span = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
  return {
    broadcastsPerSecond: span > 0 ? ((times.length - 1) * 1000) / span : null,
    maxBroadcastsPerSecond: maxInWindow(times, 1000),
    waitingClients,
    perClient: waitingClients === 0 ? 0 : frames.groupMessages / waitingClients,
    perClientSecond: waitingMs === 0 ? 0 : frames.groupMessages / (waitingMs / 1000),
    maxClientEventsPerSecond,
  };
}

export function formatPositionRate(rate: PositionRate): string {
  const broadcasts = rate.broadcastsPerSecond === null ? "—" : rate.broadcastsPerSecond.toFixed(2);
  return (
    `position msgs per waiting client ${rate.perClient.toFixed(1)} total, ${rate.perClientSecond.toFixed(2)}/s of waiting ` +
    `(group broadcasts ${broadcasts}/s, max ${rate.maxBroadcastsPerSecond} in 1 s)`
  );
}
