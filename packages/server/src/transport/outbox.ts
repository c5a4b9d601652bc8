import type { GroupMessage, ServerMessage } from "@blockwork/core";
import { RoomBroadcast } from "./room-broadcast.ts";

export interface OutboxTarget {
  /** Sends one frame to one connection; a connection that is gone is skipped. */
  toConnection(connectionId: string, frame: ServerMessage[]): void;
  /** Sends one frame, encoded once, to each of these connections; those that are gone are skipped. */
  toConnections(connectionIds: readonly string[], frame: ServerMessage[]): void;
  /** The connections in a room now. */
  members(room: string): Iterable<string>;
}

export interface OutboxOptions {
  /**
   * Connections a room broadcast writes to per event-loop turn. One write costs the transport about 10–40 µs,
   * so 64 keeps each turn to about 1–3 ms: timers, dispatch, joins and a shared store's answers (the next job's
   * slot) run between slices.
   * @default 64
   */
  readonly sliceSize?: number;
  /**
   * The share of one core a room's broadcasts may take: after a broadcast that cost C ms, the next one to that
   * room waits until C / share ms after it began (`holdMs`). A big room's updates come less often rather than
   * starve dispatch: 10,000 sockets at about 20 µs each is one update per 0.8 s at 25 %.
   * @default 0.25
   */
  readonly cpuShare?: number;
  /** Runs `fn` on a later turn of the event loop. @default setImmediate */
  readonly defer?: (fn: () => void) => void;
  /** A monotonic time in ms, to measure what slices cost. @default performance.now */
  readonly now?: () => number;
}

/**
 * Coalesces each connection's messages of one event-loop turn into one frame, and sends room broadcasts in slices.
 *
 * Order per connection is what the clients' rank derivation needs (core's `QueuePosition`): a `queued` counts
 * from the last `group` update sent before it, so a connection must get every message produced before a
 * broadcast before that broadcast, and everything produced after it after it. A broadcast therefore first
 * flushes every pending frame; while it is still on its way, a connection it has not reached yet that has a new
 * frame to send is sent the broadcast first (`claim`). A second broadcast to a room whose previous one is still
 * on its way first finishes that one, so a room's updates never overtake each other; the queue runtime avoids
 * that case by asking `holdMs` before each update.
 */
export class Outbox {
  readonly #target: OutboxTarget;
  readonly #sliceSize: number;
  readonly #cpuShare: number;
  readonly #defer: (fn: () => void) => void;
  readonly #now: () => number;
  #pending = new Map<string, ServerMessage[]>();
  /** Join acknowledgements held until the turn's flush, by connection, so that they carry its frame. */
  #replies = new Map<string, ((frame: ServerMessage[] | undefined) => void)[]>();
  #flushScheduled = false;
  /** Broadcasts still on their way, by room. */
  readonly #inFlight = new Map<string, RoomBroadcast>();
  /** The latest broadcast to each room, for pacing. */
  readonly #latest = new Map<string, RoomBroadcast>();
  #pumpScheduled = false;

  constructor(target: OutboxTarget, options: OutboxOptions = {}) {
    this.#target = target;
    this.#sliceSize = options.sliceSize ?? 64;
    this.#cpuShare = options.cpuShare ?? 0.25;
    this.#defer = options.defer ?? setImmediate;
    this.#now = options.now ?? (() => performance.now());
  }

  send(connectionId: string, message: ServerMessage): void {
    const frame = this.#pending.get(connectionId);
    if (frame) frame.push(message);
    else this.#pending.set(connectionId, [message]);
    this.#scheduleFlush();
  }

  /**
   * Holds an acknowledgement until this turn's flush, where the connection's last one carries its frame: a quick
   * job's acknowledgement, `started` and `complete` leave in one write instead of two.
   */
  reply(connectionId: string, send: (frame: ServerMessage[] | undefined) => void): void {
    const replies = this.#replies.get(connectionId);
    if (replies) replies.push(send);
    else this.#replies.set(connectionId, [send]);
    this.#scheduleFlush();
  }

  /** Sends `message` to the room's current members: the first slice now, the rest on later turns. */
  broadcast(room: string, message: GroupMessage): void {
    this.flush();
    const previous = this.#inFlight.get(room);
    if (previous) this.#finish(previous);
    const broadcast = new RoomBroadcast(room, [message], this.#target.members(room), this.#now());
    this.#latest.set(room, broadcast);
    if (broadcast.done) return;
    this.#inFlight.set(room, broadcast);
    this.#sendSlice(broadcast);
    this.#schedulePump();
  }

  /**
   * How long the room's next broadcast should wait, in ms: until its previous one is delivered and its cost
   * fits the CPU share. 0 for a room whose broadcasts are cheap.
   */
  holdMs(room: string): number {
    const latest = this.#latest.get(room);
    if (!latest) return 0;
    const wait = latest.startedAt + latest.projectedCostMs / this.#cpuShare - this.#now();
    return this.#inFlight.has(room) ? Math.max(1, wait) : Math.max(0, wait);
  }

  /** Sends every pending frame now (each after any broadcast its connection has not received yet). */
  flush(): void {
    this.#flushScheduled = false;
    if (this.#replies.size > 0) {
      const replies = this.#replies;
      this.#replies = new Map();
      for (const [connectionId, sends] of replies) {
        const frame = this.#pending.get(connectionId);
        this.#pending.delete(connectionId);
        if (frame) this.#sendBroadcastsFirst(connectionId);
        // In join order; only the last carries the frame, so every job it mentions is registered by then.
        sends.forEach((send, i) => send(i === sends.length - 1 ? frame : undefined));
      }
    }
    if (this.#pending.size === 0) return;
    const pending = this.#pending;
    this.#pending = new Map();
    for (const [connectionId, frame] of pending) {
      this.#sendBroadcastsFirst(connectionId);
      this.#target.toConnection(connectionId, frame);
    }
  }

  /** Sends the connection every broadcast on its way that has not reached it yet. */
  #sendBroadcastsFirst(connectionId: string): void {
    for (const broadcast of this.#inFlight.values()) {
      if (!broadcast.claim(connectionId)) continue;
      this.#target.toConnection(connectionId, broadcast.frame);
      if (broadcast.done) this.#inFlight.delete(broadcast.room);
    }
  }

  #scheduleFlush(): void {
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      this.#defer(() => this.flush());
    }
  }

  #sendSlice(broadcast: RoomBroadcast): void {
    const slice = broadcast.nextSlice(this.#sliceSize);
    if (slice.length > 0) {
      const start = this.#now();
      this.#target.toConnections(slice, broadcast.frame);
      broadcast.sent += slice.length;
      // Measured once the writes' completion callbacks (process.nextTick, which runs before microtasks) are done:
      // they cost the transport about a third as much again.
      queueMicrotask(() => (broadcast.costMs += this.#now() - start));
    }
    if (broadcast.done) this.#inFlight.delete(broadcast.room);
  }

  #finish(broadcast: RoomBroadcast): void {
    while (!broadcast.done) this.#sendSlice(broadcast);
  }

  #schedulePump(): void {
    if (this.#pumpScheduled || this.#inFlight.size === 0) return;
    this.#pumpScheduled = true;
    this.#defer(() => {
      this.#pumpScheduled = false;
      for (const broadcast of [...this.#inFlight.values()]) this.#sendSlice(broadcast);
      this.#schedulePump();
    });
  }
}
