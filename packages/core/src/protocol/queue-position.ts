import type { GroupMessage, QueuedMessage, QueueEstimate } from "./messages.ts";

/** What a waiting client shows: its 0-based rank, the group's waiting count and the ETA in ms (or null). */
export interface PositionSnapshot {
  readonly rank: number;
  readonly size: number;
  readonly etaMs: number | null;
}

/**
 * One waiting job's view of its queue, derived from the `queued` message and every later `group` message
 * of its group: the server never sends per-client positions.
 */
export class QueuePosition {
  readonly groupId: string;
  readonly ticket: number;
  #rank: number;
  #size: number;
  #estimate: QueueEstimate | null;

  constructor(queued: QueuedMessage) {
    this.groupId = queued.groupId;
    this.ticket = queued.ticket;
    this.#rank = queued.rank;
    this.#size = queued.size;
    this.#estimate = queued.estimate;
  }

  /** Applies a group update; returns whether it concerned this job's group. */
  apply(update: GroupMessage): boolean {
    if (update.groupId !== this.groupId) return false;
    let ahead = 0;
    for (let i = 0; i + 1 < update.left.length; i += 2) {
      const from = update.left[i]!;
      const to = Math.min(update.left[i + 1]!, this.ticket);
      if (to > from) ahead += to - from;
    }
    this.#rank = Math.max(0, this.#rank - ahead);
    this.#size = update.size;
    this.#estimate = update.estimate;
    return true;
  }

  snapshot(): PositionSnapshot {
    const e = this.#estimate;
    return { rank: this.#rank, size: this.#size, etaMs: e === null ? null : Math.round(e.firstMs + this.#rank * e.perRankMs) };
  }
}
