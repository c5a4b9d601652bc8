import type { Clock, TimerHandle } from "../queue/clock.ts";
import type { FileStore } from "./file-store.ts";

export interface CacheCleanupOptions {
  readonly everyMs: number;
  readonly olderThanMs: number;
  readonly clock: Clock;
  readonly onError: (error: unknown) => void;
}

/** Gradio's `deleteCache`, running: every `everyMs`, the store removes files older than `olderThanMs`. */
export class CacheCleanup {
  readonly #store: FileStore;
  readonly #options: CacheCleanupOptions;
  #timer: TimerHandle | null = null;
  #sweep: Promise<void> | null = null;
  #stopped = false;

  constructor(store: FileStore, options: CacheCleanupOptions) {
    this.#store = store;
    this.#options = options;
    this.#schedule();
  }

  /** Resolves when no sweep is running. */
  whenIdle(): Promise<void> {
    return this.#sweep ?? Promise.resolve();
  }

  /** No more sweeps; resolves once the running one (if any) has finished. */
  stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    return this.whenIdle();
  }

  /** The next sweep is timed from the end of the last one, so that a slow disk never runs two at once. */
  #schedule(): void {
    const { clock, everyMs, olderThanMs, onError } = this.#options;
    this.#timer = clock.setTimeout(() => {
      this.#timer = null;
      this.#sweep = this.#store
        .removeOlderThan(clock.now() - olderThanMs)
        .then(() => undefined, onError)
        .finally(() => {
          this.#sweep = null;
          if (!this.#stopped) this.#schedule();
        });
    }, everyMs);
  }
}
