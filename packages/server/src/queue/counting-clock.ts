import type { Clock, TimerHandle } from "./clock.ts";

/** A clock that knows how many of its timers are pending, so that a test can see that none leaked. */
export interface CountingClock extends Clock {
  readonly pendingTimers: number;
}

/** Wraps `clock`, counting timers set and not yet fired or cleared. */
export function countingClock(clock: Clock): CountingClock {
  const pending = new Set<TimerHandle>();
  return {
    now: () => clock.now(),
    setTimeout(callback, ms) {
      const handle = clock.setTimeout(() => {
        pending.delete(handle);
        callback();
      }, ms);
      pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle);
      clock.clearTimeout(handle);
    },
    get pendingTimers() {
      return pending.size;
    },
  };
}
