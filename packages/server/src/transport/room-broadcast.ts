import type { ServerMessage } from "@blockwork/core";

/**
 * One frame on its way to the connections that were in a room when it was sent, a slice at a time. Each
 * connection gets it exactly once: from a slice, or earlier through `claim` when something else must follow it.
 */
export class RoomBroadcast {
  readonly room: string;
  readonly frame: ServerMessage[];
  /** Connections in the room at the start. */
  readonly total: number;
  readonly startedAt: number;
  /** Connections sent to so far, and the time their slices took. */
  sent = 0;
  costMs = 0;
  readonly #pending: Set<string>;
  readonly #order: Iterator<string>;

  constructor(room: string, frame: ServerMessage[], members: Iterable<string>, startedAt: number) {
    this.room = room;
    this.frame = frame;
    this.startedAt = startedAt;
    this.#pending = new Set(members);
    this.total = this.#pending.size;
    // A Set's iterator skips entries deleted before it reaches them, so claimed connections are never sent twice.
    this.#order = this.#pending.values();
  }

  get done(): boolean {
    return this.#pending.size === 0;
  }

  /** The next `size` connections still waiting for the frame, taken out of the broadcast. */
  nextSlice(size: number): string[] {
    const slice: string[] = [];
    while (slice.length < size) {
      const next = this.#order.next();
      if (next.done) break;
      this.#pending.delete(next.value);
      slice.push(next.value);
    }
    return slice;
  }

  /** Takes one connection out if it still waits for the frame: the caller sends it the frame now. */
  claim(connectionId: string): boolean {
    if (!this.#pending.delete(connectionId)) return false;
    this.sent++;
    return true;
  }

  /** The whole broadcast's cost in ms, projected from the slices sent so far. */
  get projectedCostMs(): number {
    return this.sent === 0 ? 0 : (this.costMs * this.total) / this.sent;
  }
}
