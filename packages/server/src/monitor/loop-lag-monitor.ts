import type { Logger } from "../logger.ts";

export interface LoopLagMonitorOptions {
  readonly logger: Logger;
  /** A stall at least this long is logged. */
  readonly warnMs: number;
  /** How often the loop is sampled. @default 100 */
  readonly intervalMs?: number;
}

/**
 * Notices when the event loop stalls (a timer firing late) and logs it with the listener to blame: the handler
 * whose synchronous run took that long if there was one, otherwise every handler in flight. A stalled loop
 * delays every connection's messages, so the log says which listener should move its work off the loop.
 */
export class LoopLagMonitor {
  readonly #options: LoopLagMonitorOptions;
  readonly #inFlight = new Map<string, number>();
  #blame: { readonly apiName: string; readonly ms: number } | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #expected = 0;
  #stalls = 0;

  constructor(options: LoopLagMonitorOptions) {
    this.#options = options;
  }

  /** How many stalls were logged. */
  get stalls(): number {
    return this.#stalls;
  }

  start(): void {
    if (this.#timer) return;
    const interval = this.#options.intervalMs ?? 100;
    this.#expected = performance.now() + interval;
    // A plain interval, not the injectable clock: the point is to measure real time. Unref'd, so it never
    // keeps a process alive.
    this.#timer = setInterval(() => this.#sample(interval), interval);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Runs the synchronous part of `apiName`'s handler, timing it. */
  measure<T>(apiName: string, run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      const ms = performance.now() - start;
      if (ms >= this.#options.warnMs && (this.#blame === null || ms > this.#blame.ms)) this.#blame = { apiName, ms };
    }
  }

  /** Marks a handler as running until the returned function is called. */
  enter(apiName: string): () => void {
    this.#inFlight.set(apiName, (this.#inFlight.get(apiName) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const count = (this.#inFlight.get(apiName) ?? 1) - 1;
      if (count > 0) this.#inFlight.set(apiName, count);
      else this.#inFlight.delete(apiName);
    };
  }

  /** Handlers in flight, by name, for the test counters. */
  get inFlight(): number {
    let total = 0;
    for (const count of this.#inFlight.values()) total += count;
    return total;
  }

  #sample(interval: number): void {
    const now = performance.now();
    const lag = now - this.#expected;
    this.#expected = now + interval;
    const blame = this.#blame;
    // A stall that began just after a sample measures up to one interval short; a blamed handler's own
    // timing is exact, so it is reported whatever the sample says.
    if (lag < this.#options.warnMs && blame === null) return;
    this.#blame = null;
    this.#stalls++;
    const who =
      blame !== null
        ? `listener "${blame.apiName}" ran synchronously for ${Math.round(blame.ms)} ms`
        : this.#inFlight.size > 0
          ? `listeners running: ${[...this.#inFlight.keys()].map((n) => `"${n}"`).join(", ")}`
          : "no listener was running";
    this.#options.logger.warn(`the event loop was blocked for ${Math.round(Math.max(lag, blame?.ms ?? 0))} ms (${who}); move CPU-bound work off the loop: worker_threads or a child process`);
  }
}
