import type { GroupMessage, ServerMessage } from "@blockwork/core";

export interface OutboxTarget {
  /** Sends one frame to one connection; a connection that is gone is skipped. */
  toConnection(connectionId: string, frame: ServerMessage[]): void;
  /** Sends one frame to every connection in a room, encoded once. */
  toRoom(room: string, frame: ServerMessage[]): void;
}

/**
 * Coalesces each connection's messages of one event-loop turn into one frame. A room broadcast first flushes
 * every pending frame, so each client receives messages in the order they were produced (a `queued` before the
 * `group` update that counts from it).
 */
export class Outbox {
  readonly #target: OutboxTarget;
  #pending = new Map<string, ServerMessage[]>();
  #scheduled = false;

  constructor(target: OutboxTarget) {
    this.#target = target;
  }

  send(connectionId: string, message: ServerMessage): void {
    const frame = this.#pending.get(connectionId);
    if (frame) frame.push(message);
    else this.#pending.set(connectionId, [message]);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  broadcast(room: string, message: GroupMessage): void {
    this.flush();
    this.#target.toRoom(room, [message]);
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending.size === 0) return;
    const pending = this.#pending;
    this.#pending = new Map();
    for (const [connectionId, frame] of pending) this.#target.toConnection(connectionId, frame);
  }
}
