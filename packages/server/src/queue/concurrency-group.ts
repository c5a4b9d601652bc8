import type { GroupMessage, QueueEstimate } from "@blockwork/core";
import type { Clock } from "./clock.ts";
import type { Job } from "./job.ts";
import { LeftRanges } from "./left-ranges.ts";
import { Throttle } from "./throttle.ts";
import { WaitingList } from "./waiting-list.ts";

export interface ConcurrencyGroupOptions {
  readonly id: string;
  /** `null`: unlimited. */
  readonly limit: number | null;
  readonly clock: Clock;
  /** Minimum time between two group updates. */
  readonly updateIntervalMs: number;
  /**
   * How much longer a due update should wait (0: send it now): the transport's pacing, so that a big room's
   * updates stay within its budget. Meanwhile departures accumulate into the next update, so nothing piles up.
   */
  readonly holdUpdateMs?: () => number;
  /** The group's expected run time per job, or null while unknown. */
  readonly averageRunMs: () => number | null;
  readonly onUpdate: (message: GroupMessage) => void;
}

/**
 * One FIFO queue with its limit: who waits (with tickets), who runs, and the throttled `group` updates from
 * which every waiting client derives its own rank. Every operation is O(1) in the number of waiting jobs.
 */
export class ConcurrencyGroup {
  readonly id: string;
  readonly limit: number | null;
  readonly waiting = new WaitingList<Job>();
  /** Running jobs in start order, so the first one is the one expected to end first. */
  readonly running = new Set<Job>();
  readonly #options: ConcurrencyGroupOptions;
  readonly #left = new LeftRanges();
  readonly #throttle: Throttle;
  #nextTicket = 0;

  constructor(options: ConcurrencyGroupOptions) {
    this.id = options.id;
    this.limit = options.limit;
    this.#options = options;
    this.#throttle = new Throttle(options.clock, options.updateIntervalMs, () => this.#emitUpdate(), options.holdUpdateMs);
  }

  hasFreeSlot(): boolean {
    return this.limit === null || this.running.size < this.limit;
  }

  /** Whether a new job may start at once: a free slot and nobody ahead of it. */
  canStartNow(): boolean {
    return this.waiting.size === 0 && this.hasFreeSlot();
  }

  /**
   * Appends a job and returns its place. Rank and size are stated as of the last group update plus this job:
   * tickets that left since then are still counted, because the next update will subtract them again.
   */
  enqueue(job: Job): { ticket: number; rank: number; size: number } {
    job.ticket = this.#nextTicket++;
    const pending = this.#left.count;
    const rank = this.waiting.size + pending;
    this.waiting.push(job);
    this.#throttle.trigger();
    return { ticket: job.ticket, rank, size: this.waiting.size + pending };
  }

  /** Removes a waiting job (started, cancelled or dropped) and schedules the update announcing it. */
  removeWaiting(job: Job): void {
    this.waiting.remove(job);
    this.#left.add(job.ticket);
    this.#throttle.trigger();
  }

  /** The head of the queue if a slot is free, removed from the waiting list. */
  takeNext(): Job | undefined {
    if (!this.hasFreeSlot()) return undefined;
    const job = this.waiting.shift();
    if (job) {
      this.#left.add(job.ticket);
      this.#throttle.trigger();
    }
    return job;
  }

  /** When the next slot should free up, in ms from now; `null` while run times are unknown. */
  timeToFreeSlot(): number | null {
    const average = this.#options.averageRunMs();
    if (average === null) return null;
    if (this.hasFreeSlot()) return 0;
    const oldest = this.running.values().next().value;
    return oldest ? Math.max(0, oldest.startedAt + average - this.#options.clock.now()) : 0;
  }

  /** Time until a waiting job's result, as a line in its rank; `null` while unknown. */
  estimate(): QueueEstimate | null {
    const average = this.#options.averageRunMs();
    const wait = this.timeToFreeSlot();
    if (average === null || wait === null) return null;
    return { firstMs: Math.round(wait + average), perRankMs: this.limit === null ? 0 : Math.round(average / this.limit) };
  }

  close(): void {
    this.#throttle.cancel();
  }

  #emitUpdate(): void {
    this.#options.onUpdate({
      type: "group",
      groupId: this.id,
      left: this.#left.take(),
      size: this.waiting.size,
      estimate: this.estimate(),
    });
  }
}
