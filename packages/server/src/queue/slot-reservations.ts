import type { Clock, TimerHandle } from "./clock.ts";
import type { Job } from "./job.ts";
import { andThen, type MaybePromise, type QueueStore, type SlotClaim } from "./store/queue-store.ts";
import { RecentIds } from "./recent-ids.ts";

/** A slot's next job, reserved before the slot's job ended, with its jobs built and ready to start. */
export interface ReservedNext {
  readonly claim: SlotClaim;
  readonly jobs: readonly Job[];
}

export interface SlotReservationsOptions {
  readonly store: QueueStore;
  readonly clock: Clock;
  /** Builds a reserved claim's jobs without starting them (one submitted elsewhere is rebuilt from its payload). */
  readonly prepare: (claim: SlotClaim) => MaybePromise<Job[]>;
  /** Runs the claims that a reservation given back freed. */
  readonly start: (claims: readonly SlotClaim[]) => void;
  /** Runs a store operation nobody waits for, logging its failure. */
  readonly call: (what: string, operation: () => MaybePromise<unknown>) => void;
  /**
   * How long before a slot's job should end (its listener's average run time) its next job is reserved, and how long
   * after that the reservation is given back if the job still runs: it must cover a round trip to the store.
   * @default 20
   */
  readonly leadMs?: number;
}

interface Reservation {
  readonly dependencyId: number;
  timer: TimerHandle | null;
  /** `null` until the reservation is asked for; then the store's answer, with the jobs built. */
  next: MaybePromise<ReservedNext | null> | null;
}

/** Recent reservations of one listener: how many started in their slot, of how many made. */
interface HitRate {
  rate: number;
  skipped: number;
}

/**
 * With a store where every call is a network round trip (Redis), handing a freed slot on costs one: the next job
 * would start a round trip after the slot's job ended. Instead the next job is reserved shortly before the slot's
 * job should end, and starts the moment it ends; the store hears of it after (`QueueStore.handOver`).
 *
 * The order stays the queue's: a reservation takes the runnable head, and it keeps its place and count. A slot that
 * frees elsewhere meanwhile takes the job behind it (the store only reserves while one stays runnable), so a job
 * may start up to 2 × `leadMs` after one that queued behind it, never a slot idle for it. A job that runs longer
 * than expected gives its reservation back at `leadMs` past its expected end, to its place at the head. Listeners
 * whose run times vary too much for that to hit reserve only now and then (their hit rate is watched).
 */
export class SlotReservations {
  readonly #options: SlotReservationsOptions;
  readonly #leadMs: number;
  readonly #slots = new Map<SlotClaim, Reservation>();
  readonly #hitRates = new Map<number, HitRate>();
  /**
   * Reserved jobs withdrawn before their slot freed (`withdrawn`), until their slot's job ends. Told once per
   * reserved job; one whose slot already handed over, or gave it back, is never looked up again, and is forgotten.
   */
  readonly #withdrawn = new RecentIds(1024);

  constructor(options: SlotReservationsOptions) {
    this.#options = options;
    this.#leadMs = options.leadMs ?? 20;
  }

  /** A job started in a limited slot, expected to take `expectedMs` (`null`: not known yet, nothing reserved). */
  started(claim: SlotClaim, dependencyId: number, expectedMs: number | null): void {
    if (claim.index === null || expectedMs === null || !this.#worthTrying(dependencyId)) return;
    const { clock } = this.#options;
    const deadline = clock.now() + expectedMs + this.#leadMs;
    const reservation: Reservation = { dependencyId, timer: null, next: null };
    reservation.timer = clock.setTimeout(() => this.#reserve(claim, reservation, deadline), Math.max(0, expectedMs - this.#leadMs));
    this.#slots.set(claim, reservation);
  }

  /** The slot's job ended: its reserved next job to start in it now, once the store answered (`null`: none). */
  ended(claim: SlotClaim): MaybePromise<ReservedNext | null> {
    const reservation = this.#take(claim);
    if (!reservation || reservation.next === null) return null;
    return andThen(reservation.next, (next) => {
      if (!next) return null;
      this.#count(reservation.dependencyId, true);
      // Withdrawn meanwhile: the slot is released as usual (the store no longer has it reserved).
      return this.#withdrawn.delete(next.claim.jobIds[0]!) ? null : next;
    });
  }

  /**
   * A reserved job left the queue (cancelled, its session's grace ran out) or is passed over (its session went
   * away): it must not start in its slot.
   */
  withdrawn(jobId: string): void {
    this.#withdrawn.add(jobId);
  }

  /** The slot's job ended without handing the slot on (it was stopped): its reservation, if any, goes back. */
  cancel(claim: SlotClaim): void {
    const next = this.#take(claim)?.next;
    if (next) this.#giveBack(next);
  }

  /** Gives every reservation back (the process is stopping). */
  close(): void {
    for (const claim of [...this.#slots.keys()]) this.cancel(claim);
  }

  /** The slot's reservation, no longer the slot's, its timer stopped. */
  #take(claim: SlotClaim): Reservation | undefined {
    const reservation = this.#slots.get(claim);
    if (!reservation) return undefined;
    this.#slots.delete(claim);
    if (reservation.timer !== null) this.#options.clock.clearTimeout(reservation.timer);
    return reservation;
  }

  #reserve(claim: SlotClaim, reservation: Reservation, deadline: number): void {
    const { store, clock, prepare } = this.#options;
    reservation.timer = null;
    let next: MaybePromise<ReservedNext | null>;
    try {
      next = andThen(store.reserve!(claim), (reserved) => (reserved ? andThen(prepare(reserved), (jobs) => ({ claim: reserved, jobs })) : null));
    } catch {
      next = null;
    }
    // A store that could not answer reserved nothing that anyone waits for: the slot is released as usual.
    reservation.next = next instanceof Promise ? next.catch(() => null) : next;
    andThen(reservation.next, (ready) => {
      // Held as a value from now on, so that the slot's end hands over in the same turn (with its run time).
      if (this.#slots.get(claim) === reservation) reservation.next = ready;
      if (!ready || this.#slots.get(claim) !== reservation) return;
      reservation.timer = clock.setTimeout(() => {
        this.#slots.delete(claim);
        this.#count(reservation.dependencyId, false);
        this.#giveBack(ready);
      }, Math.max(0, deadline - clock.now()));
    });
  }

  #giveBack(next: MaybePromise<ReservedNext | null>): void {
    const { store, start, call } = this.#options;
    call("giving a reserved job back", () => andThen(next, (ready) => (ready ? andThen(store.unreserve!(ready.claim), start) : undefined)));
  }

  /** Reserves while at least half of a listener's recent reservations started in their slot; else every 8th job. */
  #worthTrying(dependencyId: number): boolean {
    const hits = this.#hitRates.get(dependencyId);
    if (!hits || hits.rate >= 0.5) return true;
    hits.skipped = (hits.skipped + 1) % 8;
    return hits.skipped === 0;
  }

  #count(dependencyId: number, hit: boolean): void {
    let hits = this.#hitRates.get(dependencyId);
    if (!hits) this.#hitRates.set(dependencyId, (hits = { rate: 1, skipped: 0 }));
    // A try that hits makes the listener worth trying every time again.
    hits.rate = hit ? Math.max(0.5, hits.rate * 0.8 + 0.2) : hits.rate * 0.8;
  }
}
