import type { ErrorPayload, QueueEstimate } from "@blockwork/core";

/** A store answers at once (in memory) or after a round trip (Redis); the runtime handles both without waiting on the first. */
export type MaybePromise<T> = T | Promise<T>;

/** What the store keeps of a job: enough to admit, order, count and dispatch it. */
export interface StoreJob {
  readonly id: string;
  readonly groupId: string;
  readonly dependencyId: number;
  readonly sessionId: string;
  /** The submitting client's address, for `maxJobsPerIp`. */
  readonly ip: string;
  /**
   * What another process needs to run the job (its inputs and request), for a shared store: handed back with the
   * claim to whichever process takes it. A memory store never needs it.
   */
  readonly payload?: string;
}

/** Caps checked atomically with the admission. `null`: no cap. */
export interface AdmissionCaps {
  /** Waiting jobs across the app (Gradio's `max_size`). A job that can start at once is admitted regardless. */
  readonly maxSize: number | null;
  /** Waiting jobs of one session. */
  readonly maxJobsPerSession: number | null;
  /** Waiting jobs of one client address. */
  readonly maxJobsPerIp: number | null;
}

/**
 * A reloaded app (`blockwork dev`): its groups (new ones added, limits changed), its batch sizes, and the new id
 * of each listener whose waiting jobs stay (matched by API name).
 */
export interface StoreReconfiguration {
  readonly groups: QueueStoreSetup["groups"];
  readonly batchSizes: QueueStoreSetup["batchSizes"];
  readonly dependencyIds: ReadonlyMap<number, number>;
}

/** What a store is told about the app when it is created. */
export interface QueueStoreSetup {
  readonly groups: readonly { readonly id: string; readonly limit: number | null }[];
  /** Listeners that batch, by dependency id, with the most jobs one call takes. */
  readonly batchSizes: ReadonlyMap<number, number>;
  readonly caps: AdmissionCaps;
  /**
   * Called whenever a group's waiting list changed (a job joined or left it), in this process or, for a shared
   * store, in any: the runtime then schedules that group's throttled update.
   */
  readonly onChange: (groupId: string) => void;
}

/** A slot this process now holds, and the jobs that run in it: one, or a batch's in queue order. */
export interface SlotClaim {
  readonly groupId: string;
  /** Which slot, 0 to limit − 1, so a handler can map it to a device; `null` in an unlimited group. */
  readonly index: number | null;
  readonly jobIds: readonly string[];
  /** The jobs' payloads as submitted (`""` where none was given), for a process that did not submit them. */
  readonly payloads?: readonly string[];
}

/**
 * A waiting job's place: `rank` counts the jobs ahead of it as of this process's last `takeUpdate` (tickets that
 * left since that update are still counted, because the next update lists them again), `size` likewise.
 */
export interface QueuePlace {
  readonly ticket: number;
  readonly rank: number;
  readonly size: number;
  readonly estimate: QueueEstimate | null;
}

export type SubmitOutcome =
  | { readonly kind: "refused"; readonly error: ErrorPayload }
  /** A slot was free and no runnable job was ahead: the job holds it now. */
  | { readonly kind: "started"; readonly claim: SlotClaim }
  /** The job waits, at this place. */
  | ({ readonly kind: "queued" } & QueuePlace)
  /** A slot was free, but this process runs no handlers: the job's claim waits for a worker (shared stores only). */
  | { readonly kind: "dispatched" };

/** A group's queue since this process's previous update: what its waiting clients derive their rank from. */
export interface GroupUpdate {
  /** Tickets that stopped waiting, as sorted, merged `[from, to)` pairs flattened. */
  readonly left: number[];
  /** Jobs waiting in the group now. */
  readonly size: number;
  readonly estimate: QueueEstimate | null;
}

/** What became of a slot whose job ended while it had a reserved next job (`QueueStore.handOver`). */
export type HandOver =
  /** The reserved job holds the slot now. */
  | { readonly kept: true }
  /**
   * The reserved job had left the queue meanwhile (cancelled, expired, its reservation lost): it must not run. The
   * slot freed, and these claims are this process's to run now.
   */
  | { readonly kept: false; readonly claims: readonly SlotClaim[] };

export interface GroupStats {
  readonly id: string;
  readonly limit: number | null;
  readonly waiting: number;
  readonly running: number;
}

/**
 * The queue's shared state: admission, each group's waiting order (tickets), slot claims and releases,
 * departures, parked sessions, counts and run-time statistics. What is live (handlers, signals, connections)
 * stays in the runtime. One contract test suite runs against every implementation (`queue-store.contract.ts`).
 *
 * Ordering: calls made by one process take effect in the order they were made.
 */
export interface QueueStore {
  /**
   * Admits a job: refused when a cap is reached, started when its group has a free slot and no runnable job
   * waits, queued otherwise. A batch listener's job that starts takes up to its batch size of the listener's
   * runnable waiting jobs with it.
   */
  submit(job: StoreJob): MaybePromise<SubmitOutcome>;
  /**
   * Frees a slot whose handler settled and hands it on: the claims returned (the next runnable job, or batch) are
   * this process's to run now. A job that runs on has left the waiting list (a departure).
   */
  release(claim: SlotClaim): MaybePromise<readonly SlotClaim[]>;
  /**
   * Optional, for a store whose every call is a round trip: reserves the runnable head to follow the job in this
   * limited slot, which should end soon. The reserved job keeps its place and count, but no other slot takes it; it
   * starts here the moment the slot frees (`handOver`), or goes back (`unreserve`). `null`: nothing reserved (no
   * other job would stay runnable behind it, or it is a batch listener's).
   */
  reserve?(claim: SlotClaim): MaybePromise<SlotClaim | null>;
  /** The slot's job ended and its reserved next job (`reserve`) started in it already: the store hears of it now. */
  handOver?(claim: SlotClaim, reserved: SlotClaim): MaybePromise<HandOver>;
  /** A reserved job goes back to its place (its slot's job runs longer than expected); returns claims it frees. */
  unreserve?(reserved: SlotClaim): MaybePromise<readonly SlotClaim[]>;
  /** A waiting job leaves without running (cancelled, timed out, dropped): true if it was waiting. */
  leave(jobId: string): MaybePromise<boolean>;
  /**
   * The session's waiting jobs keep their place (and count in everyone's rank) but are passed over until
   * `resume`: its connection dropped, and it may come back within the grace period.
   */
  park(sessionId: string): MaybePromise<void>;
  /** The session is back: its parked jobs are runnable again; returns the claims for any that can start now. */
  resume(sessionId: string): MaybePromise<readonly SlotClaim[]>;
  /** Where a waiting job stands now (for a client that reconnected and missed updates); `null` if it isn't waiting. */
  place(jobId: string): MaybePromise<QueuePlace | null>;
  /** Departures since this process's previous update of the group, and the group's size and estimate now. */
  takeUpdate(groupId: string): MaybePromise<GroupUpdate>;
  /** Records a handler's run time, for estimates (per listener, and per group unless `null`). */
  recordRun(dependencyId: number, groupId: string | null, ms: number): void;
  /** A listener's expected run time in ms, as last known here; `null` until one has finished. */
  listenerEstimate(dependencyId: number): number | null;
  stats(): MaybePromise<readonly GroupStats[]>;
  close(): MaybePromise<void>;
  /**
   * Takes a reloaded app's groups and listener ids, keeping every waiting job's place; returns the claims a raised
   * limit frees. Only the in-memory store has it: live reload is for one process.
   */
  reconfigure?(change: StoreReconfiguration): readonly SlotClaim[];
}

/** The store could not be reached: the runtime refuses joins with `unavailable` rather than waiting. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
}

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * Runs `next` on the value, synchronously when there is no promise: the memory store pays no microtask. (Not
 * named `then`: a module exporting `then` is itself a thenable to `await import()`.)
 */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}

/** Every value, synchronously when none is a promise. */
export function all<T>(values: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  return values.some(isPromise) ? Promise.all(values) : (values as T[]);
}
