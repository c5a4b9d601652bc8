/** An opaque timer handle, as returned by `Clock.setTimeout`. */
export type TimerHandle = { readonly __timer: true } | object;

/**
 * Where the queue gets time from. Injected so that ETA, throttling and session expiry are tested with a fake
 * clock instead of real waits.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin; only differences are used. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Wrapped rather than passed as is: a bare `setTimeout` reference loses its `this` in browsers. Unref'd:
  // throttles and session expiries alone should never keep a process alive.
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
