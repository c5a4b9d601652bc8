import { now } from "../clock.ts";

/** One handler run, as the handler itself saw it: the ground truth for concurrency, ideal rate and positions. */
export interface JobRecord {
  /** The job's input: unique per submission, so the bench can match it to the client that sent it. */
  readonly id: string;
  readonly api: string;
  readonly start: number;
  readonly end: number;
  /** CPU the process used while a synchronous handler ran (`runSync` only), ms: its loop's own cost, wait excluded. */
  readonly cpuMs?: number;
}

/**
 * Kept by the bench's handlers inside the server process. Concurrency is read from these start/end records,
 * never from wall-clock totals, and they reach the parent over IPC.
 */
export class JobRecorder {
  #records: JobRecord[] = [];
  #running = 0;
  #idle: (() => void)[] = [];

  /** Runs `work` as the body of a handler, recording when it started and ended. */
  async run<T>(id: string, api: string, work: () => Promise<T>): Promise<T> {
    const start = now();
    this.#running++;
    try {
      return await work();
    } finally {
      this.#records.push({ id, api, start, end: now() });
      if (--this.#running === 0) for (const wake of this.#idle.splice(0)) wake();
    }
  }

  /**
   * Resolves once no handler is running (or after `timeoutMs`): a job cancelled while running is reported to its
   * client at once, but its record only exists once its handler returns.
   */
  async settled(timeoutMs: number): Promise<void> {
    if (this.#running === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Runs `work`, a synchronous handler's body, recording its start and end. Not through `run`: its end would be
   * stamped a microtask late, after the next synchronous handler queued in the same turn had already run.
   */
  runSync<T>(id: string, api: string, work: () => T): T {
    const start = now();
    const cpu = process.cpuUsage();
    try {
      return work();
    } finally {
      const used = process.cpuUsage(cpu);
      this.#records.push({ id, api, start, end: now(), cpuMs: (used.user + used.system) / 1000 });
    }
  }

  /** For a handler that returns at once: one record with start and end in the same tick. */
  instant(id: string, api: string): void {
    const at = now();
    this.#records.push({ id, api, start: at, end: at });
  }

  /** Hands over the records kept so far and forgets them (a long run would otherwise grow without bound). */
  take(): JobRecord[] {
    const taken = this.#records;
    this.#records = [];
    return taken;
  }
}
