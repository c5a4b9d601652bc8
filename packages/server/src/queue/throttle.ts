import type { Clock, TimerHandle } from "./clock.ts";

/**
 * Runs `fn` at most once per `intervalMs`, leading and trailing: the first trigger after a quiet interval fires
 * on a zero-delay timer (so that a synchronous burst of changes coalesces into one call), later triggers fire
 * once when the interval is over. `holdMs`, asked when a call falls due, may put it off further (e.g. while the
 * previous call's output is still being delivered); triggers in the meantime still make one call.
 */
export class Throttle {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #fn: () => void;
  readonly #holdMs: (() => number) | null;
  #last = Number.NEGATIVE_INFINITY;
  #timer: TimerHandle | null = null;

  constructor(clock: Clock, intervalMs: number, fn: () => void, holdMs?: () => number) {
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#fn = fn;
    this.#holdMs = holdMs ?? null;
  }

  trigger(): void {
    if (this.#timer !== null) return;
    this.#arm(Math.max(0, this.#last + this.#intervalMs - this.#clock.now()));
  }

  cancel(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #arm(delayMs: number): void {
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      const hold = this.#holdMs?.() ?? 0;
      if (hold > 0) {
        this.#arm(hold);
        return;
      }
      this.#last = this.#clock.now();
      this.#fn();
    }, delayMs);
  }
}
