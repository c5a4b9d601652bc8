import { performance } from "node:perf_hooks";
import { Transform } from "node:stream";

/** How busy the event loop was over its last complete window, from 0 (idle) to 1 (never idle). */
export interface LoopLoad {
  utilization(): number;
}

/**
 * The event loop's utilisation over fixed windows (`performance.eventLoopUtilization`): the last complete window's,
 * so that one long turn does not swing it.
 */
export class LoopSampler implements LoopLoad {
  readonly #windowMs: number;
  #start = performance.eventLoopUtilization();
  #startedAt = performance.now();
  #last = 0;

  constructor(windowMs = 20) {
    this.#windowMs = windowMs;
  }

  utilization(): number {
    const now = performance.now();
    if (now - this.#startedAt >= this.#windowMs) {
      const end = performance.eventLoopUtilization();
      this.#last = performance.eventLoopUtilization(end, this.#start).utilization;
      this.#start = end;
      this.#startedAt = now;
    }
    return this.#last;
  }
}

export interface UploadPaceOptions {
  /** Whether jobs are waiting or running here: an upload leaves their handlers and dispatch room then. */
  readonly busy: () => boolean;
  readonly load?: LoopLoad;
  /** The share of the event loop an upload may keep it busy up to while the queue has work. @default 0.6 */
  readonly target?: number;
  /** How long a window of the loop's load lasts, ms; an upload is held at most once per window. @default 20 */
  readonly windowMs?: number;
  readonly now?: () => number;
  readonly defer?: (resume: () => void, ms: number) => void;
}

/**
 * How long an upload's next chunk waits: parsing and writing a fast upload can take a whole core, and the queue's
 * timers and dispatch would then wait behind it. While the queue has work and the loop was busier than `target` in
 * its last window, the upload is held for the excess share of a window (once per window), so the loop keeps idle
 * time to answer the queue at once; an idle server's upload is never held.
 */
export class UploadPace {
  readonly #options: UploadPaceOptions;
  readonly #load: LoopLoad;
  readonly #target: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #heldAt = Number.NEGATIVE_INFINITY;

  constructor(options: UploadPaceOptions) {
    this.#options = options;
    this.#load = options.load ?? new LoopSampler(options.windowMs);
    this.#target = options.target ?? 0.6;
    this.#windowMs = options.windowMs ?? 20;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Ms to hold the next chunk (0: pass it on now). */
  holdMs(): number {
    if (!this.#options.busy()) return 0;
    const now = this.#now();
    if (now - this.#heldAt < this.#windowMs) return 0;
    const excess = this.#load.utilization() - this.#target;
    if (excess <= 0) return 0;
    this.#heldAt = now;
    return excess * this.#windowMs;
  }

  /** A pass-through stream for one upload's body that waits where `holdMs` says. */
  stream(): Transform {
    const defer = this.#options.defer ?? ((resume, ms) => setTimeout(resume, ms));
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        const hold = this.holdMs();
        if (hold <= 0) done(null, chunk);
        else defer(() => done(null, chunk), hold);
      },
    });
  }
}
