import type { PositionSnapshot, ProgressMessage } from "@blockwork/core";
import type { PendingStatus } from "./output-status.ts";

/** How a pending dependency's status moves with each message; `now` is the clock time the message arrived. */

export function pendingStatus(now: number): PendingStatus {
  return { stage: "pending", since: now, etaTotalMs: null, progress: null };
}

/** A queue position; its ETA counts from the message's arrival, so the total adds the time already waited. */
export function queuedStatus(prev: PendingStatus, position: PositionSnapshot, now: number): PendingStatus {
  return {
    stage: "queued",
    since: prev.since,
    rank: position.rank,
    size: position.size,
    etaTotalMs: position.etaMs === null ? null : now - prev.since + position.etaMs,
    progress: null,
  };
}

export function startedStatus(prev: PendingStatus, etaMs: number | null, now: number): PendingStatus {
  return { stage: "processing", since: prev.since, etaTotalMs: etaMs === null ? null : now - prev.since + etaMs, progress: null };
}

export function progressStatus(prev: PendingStatus, message: ProgressMessage): PendingStatus {
  const cleared = message.fraction === null && message.done === undefined && message.desc === undefined;
  const progress = cleared ? null : {
    fraction: message.fraction,
    ...(message.done !== undefined ? { done: message.done } : {}),
    ...(message.total !== undefined ? { total: message.total } : {}),
    ...(message.desc !== undefined ? { desc: message.desc } : {}),
  };
  // Progress means the handler runs, even if its `started` was lost.
  const stage = prev.stage === "generating" ? "generating" : "processing";
  return { stage, since: prev.since, etaTotalMs: stage === prev.stage ? prev.etaTotalMs : null, progress };
}

export function generatingStatus(prev: PendingStatus): PendingStatus {
  return prev.stage === "generating" ? prev : { ...prev, stage: "generating" };
}
