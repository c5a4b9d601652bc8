import type { Clock, TimerHandle } from "./clock.ts";

/**
 * Runs `fn` at most once per `intervalMs`, leading and trailing: the first trigger after a quiet interval fires
 * on a zero-delay timer (so that a synchronous burst of changes coalesces into one call), later triggers fire
 * once when the interval is over.
 */
export class Throttle {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #fn: () => void;
  #last = Number.NEGATIVE_INFINITY;
  #timer: TimerHandle | null = null;

  constructor(clock: Clock, intervalMs: number, fn: () => void) {
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#fn = fn;
  }

  trigger(): void {
    if (this.#timer !== null) return;
    const delay = Math.max(0, this.#last + this.#intervalMs - this.#clock.now());
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#last = this.#clock.now();
      this.#fn();
    }, delay);
  }

  cancel(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
