import { LeftRanges } from "../../left-ranges.ts";

/** How many consumed departures a cursor remembers, to correct the rank of a reply that was overtaken. */
const RECENT_KEPT = 10_000;

/**
 * This process's place in one group's departure log (a Redis list of departed tickets, numbered from 0 in the
 * epoch). Its clients derive their rank from the `left` ranges it hands out, so the rank of a job queued here must
 * be stated relative to this cursor, not to the log.
 */
export class DepartureCursor {
  /** Sequence number of the first departure not yet reported to this process's clients. */
  #cursor = 0;
  /** Tickets of the latest consumed departures: `#recent[i]` has sequence `#recentFrom + i`. */
  #recent: number[] = [];
  #recentFrom = 0;

  get position(): number {
    return this.#cursor;
  }

  /**
   * Reports the departures read from sequence `from` on: those an overlapping read already reported are skipped,
   * and a window start past the cursor skips departures the log no longer has.
   */
  take(from: number, read: readonly number[]): number[] {
    const tickets = read.slice(Math.max(0, this.#cursor - from));
    from = Math.max(from, this.#cursor);
    const left = new LeftRanges();
    for (const ticket of tickets) left.add(ticket);
    if (from !== this.#recentFrom + this.#recent.length) {
      this.#recent = [];
      this.#recentFrom = from;
    }
    this.#recent.push(...tickets);
    const excess = this.#recent.length - RECENT_KEPT;
    if (excess > 0) {
      this.#recent.splice(0, excess);
      this.#recentFrom += excess;
    }
    this.#cursor = from + tickets.length;
    return left.take();
  }

  /**
   * The rank to tell a job with `ticket` and `ahead` jobs waiting before it, read from Redis when the log held
   * `logLength` departures, `belowSinceRead` of them from sequence `readFrom` (this cursor when the call was sent)
   * with a lower ticket. Departures not yet reported here still count (the next update lists them); those reported
   * since the call was sent, and ahead of this job, never reach its client, so they are taken off now.
   */
  rank(ahead: number, ticket: number, logLength: number, readFrom: number, belowSinceRead: number): number {
    if (this.#cursor <= logLength) return ahead + belowSinceRead - this.#consumedBelow(readFrom, this.#cursor, ticket);
    return Math.max(0, ahead - this.#consumedBelow(logLength, this.#cursor, ticket));
  }

  /** How many departures in `[from, to)`, consumed here, had a ticket below `ticket`. */
  #consumedBelow(from: number, to: number, ticket: number): number {
    let below = 0;
    for (let seq = Math.max(from, this.#recentFrom); seq < to; seq++) {
      if (this.#recent[seq - this.#recentFrom]! < ticket) below++;
    }
    return below;
  }
}
