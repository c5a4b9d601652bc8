import type { Job } from "../queue/job.ts";
import type { RuntimeHooks } from "../queue/runtime-sink.ts";

export interface GateEvent {
  readonly type: "start" | "end";
  readonly jobId: string;
  readonly apiName: string;
  /** When the slot was taken or released, in ms since the epoch with sub-ms precision (comparable across processes). */
  readonly at: number;
  /** The slot held (`ctx.slotIndex`). */
  readonly slot: number | null;
}

export interface GateRecord {
  /** Jobs holding a slot, waiting at the gate to be released. */
  readonly held: number;
  /** Queued jobs holding a slot (held or running their handler). */
  readonly running: number;
  readonly events: readonly GateEvent[];
}

/**
 * For end-to-end tests in a real browser: every queued job, once it has its slot, waits here until the test
 * releases it, so a test decides when jobs end instead of racing timers. Also records slot starts and ends.
 */
export class TestGates implements RuntimeHooks {
  readonly #held: { readonly job: Job; readonly release: () => void }[] = [];
  #running = 0;
  #events: GateEvent[] = [];

  jobStarted(job: Job): void {
    this.#running++;
    this.#events.push({ type: "start", jobId: job.id, apiName: job.apiName, at: preciseNow(), slot: job.claim?.index ?? null });
  }

  jobEnded(job: Job): void {
    this.#running--;
    this.#events.push({ type: "end", jobId: job.id, apiName: job.apiName, at: preciseNow(), slot: job.claim?.index ?? null });
  }

  beforeHandler(job: Job): Promise<void> {
    return new Promise((resolve) => {
      const entry = { job, release: resolve };
      this.#held.push(entry);
      // A job cancelled at the gate leaves it at once; the runtime then skips its handler.
      job.signal.addEventListener("abort", () => this.#remove(entry), { once: true });
    });
  }

  /** Lets the `count` longest-held jobs run their handlers; returns how many were released. */
  release(count = 1): number {
    const released = this.#held.splice(0, Math.max(0, count));
    for (const entry of released) entry.release();
    return released.length;
  }

  record(): GateRecord {
    return { held: this.#held.length, running: this.#running, events: [...this.#events] };
  }

  reset(): void {
    this.#events = [];
  }

  #remove(entry: { readonly job: Job; readonly release: () => void }): void {
    const index = this.#held.indexOf(entry);
    if (index >= 0) this.#held.splice(index, 1);
    entry.release();
  }
}

function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
