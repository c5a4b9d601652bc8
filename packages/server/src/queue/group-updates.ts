import type { GroupMessage } from "@blockwork/core";
import type { Clock } from "./clock.ts";
import { andThen, type QueueStore } from "./store/queue-store.ts";
import { Throttle } from "./throttle.ts";

export interface GroupUpdatesOptions {
  readonly clock: Clock;
  /** Minimum time between two updates of one group. */
  readonly intervalMs: number;
  /** How much longer a due update of the group should wait (the transport's pacing of big rooms). */
  readonly holdMs: (groupId: string) => number;
  readonly broadcast: (message: GroupMessage) => void;
  /** Reports a store that could not be read; the next change tries again. */
  readonly onError: (error: unknown) => void;
}

/**
 * The throttled `group` messages from which every waiting client derives its own rank: a change to a group's
 * waiting list (here or, with a shared store, in another process) schedules one update, which reads the
 * departures since this process's previous one from the store.
 */
export class GroupUpdates {
  readonly #throttles = new Map<string, Throttle>();
  readonly #options: GroupUpdatesOptions;
  #store: QueueStore | null = null;

  constructor(options: GroupUpdatesOptions) {
    this.#options = options;
  }

  bind(store: QueueStore): void {
    this.#store = store;
  }

  changed(groupId: string): void {
    let throttle = this.#throttles.get(groupId);
    if (!throttle) {
      const { clock, intervalMs, holdMs } = this.#options;
      throttle = new Throttle(clock, intervalMs, () => this.#emit(groupId), () => holdMs(groupId));
      this.#throttles.set(groupId, throttle);
    }
    throttle.trigger();
  }

  close(): void {
    for (const throttle of this.#throttles.values()) throttle.cancel();
  }

  #emit(groupId: string): void {
    const store = this.#store;
    if (!store) return;
    try {
      const done = andThen(store.takeUpdate(groupId), ({ left, size, estimate }) => this.#options.broadcast({ type: "group", groupId, left, size, estimate }));
      if (done instanceof Promise) done.catch(this.#options.onError);
    } catch (error) {
      this.#options.onError(error);
    }
  }
}
