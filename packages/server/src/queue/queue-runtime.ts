import {
  isOutputUpdate,
  type AlertLevel,
  type CompiledApp,
  type DependencyConfig,
  type ErrorCode,
  type ErrorPayload,
  type EventData,
  type HandlerEntry,
  type JobMessage,
  type ProgressMessage,
  type HandlerRequest,
  type ValueSlot,
} from "@blockwork/core";
import type { Logger } from "../logger.ts";
import type { Session } from "../session/session.ts";
import { Batch, batchArguments, splitBatchResult } from "./batch.ts";
import { systemClock, type Clock, type TimerHandle } from "./clock.ts";
import { GroupUpdates } from "./group-updates.ts";
import { handlerErrorPayload } from "./handler-error.ts";
import { HeldMessages } from "./held-messages.ts";
import { batchContext, jobContext, type ReportSink } from "./job-context.ts";
import { Job } from "./job.ts";
import { RecentIds } from "./recent-ids.ts";
import { mapInputs, mapOutputs } from "./map-outputs.ts";
import { runHandler } from "./run-handler.ts";
import { SetIndex } from "./set-index.ts";
import { SlotReservations, type ReservedNext } from "./slot-reservations.ts";
import type { ClusterRelay, RelayEvent, SessionJob } from "./cluster-relay.ts";
import { jobPayload, readJobPayload } from "./job-payload.ts";
import type { RuntimeHooks, RuntimeSink } from "./runtime-sink.ts";
import { MemoryQueueStore } from "./store/memory-queue-store.ts";
import { all, isPromise, StoreUnavailableError, andThen, type AdmissionCaps, type GroupStats, type MaybePromise, type QueueStore, type QueueStoreSetup, type SlotClaim, type SubmitOutcome } from "./store/queue-store.ts";
import { Throttle } from "./throttle.ts";
import type { TimerPacer } from "./timer-pacer.ts";

export interface QueueRuntimeOptions {
  readonly compiled: CompiledApp;
  readonly sink: RuntimeSink;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Show the real message of non-`BlockworkError` handler errors. */
  readonly showError?: boolean;
  readonly hooks?: RuntimeHooks;
  /** Minimum time between two updates of one group. */
  readonly groupUpdateIntervalMs?: number;
  /**
   * Minimum time between two progress messages of one job: a handler may report progress as often as it likes,
   * the client gets the latest value at most this often.
   * @default 100
   */
  readonly progressIntervalMs?: number;
  /** Most alerts one job may send; more are dropped (a handler alerting in a loop should not flood its tab). */
  readonly maxAlertsPerJob?: number;
  /** Paces the app's Timers; told about jobs of tick listeners and about handlers that change a Timer. */
  readonly timers?: TimerPacer;
  readonly newId?: () => string;
  /**
   * Where the queue's shared state lives: given the app's groups and caps, returns the store.
   * @default an in-memory store (one process)
   */
  readonly store?: (setup: QueueStoreSetup) => QueueStore;
  /** Waiting jobs per session and per client address; `maxSize` comes from the app's config. @default no caps */
  readonly caps?: Omit<AdmissionCaps, "maxSize">;
  /**
   * How long a waiting job whose connection dropped keeps its place: if its session reconnects in time (to any
   * process, with a shared store), the job stays and runs; otherwise it leaves the queue and never runs.
   * Meanwhile it is passed over, so it never runs for nobody.
   * @default 15_000
   */
  readonly waitingGraceMs?: number;
  /**
   * The other processes of a cluster (with a shared store): jobs run wherever a slot is claimed, and their
   * messages travel to wherever their session is connected now. Without it, everything is in this process.
   */
  readonly relay?: (store: QueueStore) => ClusterRelay;
  /**
   * Whether this process runs handlers (with a relay). One that doesn't (`role: "web"`) admits jobs and reports
   * to its clients; processes that do take its jobs from the store.
   * @default true
   */
  readonly runsHandlers?: boolean;
  /** How often dead processes' slots are looked for (with a relay). @default 2_000 */
  readonly reapIntervalMs?: number;
  /** The session of a job that was submitted in another process (with a relay). */
  readonly sessionFor?: (sessionId: string, username: string | undefined) => MaybePromise<Session>;
  /** Where State lives when sessions are shared: read before each handler, written after (with a relay). */
  readonly sharedState?: () => SharedState;
}

/** A session's State kept outside the process, for a cluster: any process may run the session's next job. */
export interface SharedState {
  /** Refreshes `session.state` from the shared copy. */
  load(session: Session): Promise<void>;
  /** Writes the State values `componentIds` of `session.state`; rejects with a clear error if one can't be shared. */
  save(session: Session, componentIds: readonly number[]): Promise<void>;
}

export interface SubmitRequest {
  /** The connection that receives the job's messages; `null` for jobs nobody watches (`onUnload`). */
  readonly owner: string | null;
  readonly session: Session;
  readonly dependencyId: number;
  readonly data: readonly unknown[];
  /** The submitting connection's address and headers. */
  readonly request?: HandlerRequest;
  readonly eventData?: EventData;
  /** Called once the job is accepted, before its first message: the transport holds its acknowledgement then. */
  readonly accepted?: (job: Job) => void;
}

const NO_REQUEST: HandlerRequest = Object.freeze({ ip: "", headers: Object.freeze({}) });

export type RuntimeReply<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: ErrorPayload };

/** This process's jobs. */
export interface RuntimeStats {
  readonly waiting: number;
  readonly running: number;
  /** Jobs tracked, in any phase: back to 0 when nothing is left to run or report. */
  readonly jobs: number;
}

/**
 * The dispatcher: jobs admitted, ordered and handed slots by the queue store, started the moment a slot frees (no
 * polling), and the job lifecycle (started → (progress | partial | alert)* → complete | error) reported through
 * the sink. A slot is freed only when its handler has settled, even if the job was cancelled or timed out long
 * before. Store calls may answer now (memory) or later (Redis); nothing here waits on the first kind.
 */
export class QueueRuntime {
  readonly #sink: RuntimeSink;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #showError: boolean;
  readonly #hooks: RuntimeHooks;
  readonly #newId: () => string;
  readonly #progressIntervalMs: number;
  readonly #maxAlerts: number;
  readonly #graceMs: number;
  readonly #timers: TimerPacer | null;
  #timerIds: ReadonlySet<number> = new Set();
  #unload: readonly number[] = [];
  #dependencies = new Map<number, { config: DependencyConfig; entry: HandlerEntry }>();
  readonly #store: QueueStore;
  readonly #updates: GroupUpdates;
  readonly #jobs = new Map<string, Job>();
  /** The same jobs by session: a stream that opens for a session asks for its jobs, and there may be 10,000 others. */
  readonly #bySession = new SetIndex<string, Job>();
  readonly #byOwner = new SetIndex<string, Job>();
  /** Unfinished jobs per session and dependency, for Timer pacing. */
  readonly #pending = new Map<string, Map<number, number>>();
  /** Jobs whose connection dropped, by session, until it reconnects: running ones report later, waiting ones keep their place. */
  readonly #detached = new SetIndex<string, Job>();
  /** When each detached session's waiting jobs give up their place. */
  readonly #grace = new Map<string, TimerHandle>();
  /** Batches still gathering jobs in their `batchWaitMs` window, by dependency. */
  readonly #collecting = new Map<number, Batch>();
  readonly #reports: ReportSink = {
    progress: (job, message) => this.#progress(job, message),
    alert: (job, level, message) => this.#alert(job, level, message),
  };
  readonly #relay: ClusterRelay | null;
  /** With a store whose calls are round trips: each limited slot's next job, reserved before the slot frees. */
  readonly #reservations: SlotReservations | null;
  /** Jobs rebuilt here from a reserved claim's payload, not yet started (not tracked). */
  readonly #rebuilt = new WeakSet<Job>();
  readonly #sessionFor: QueueRuntimeOptions["sessionFor"];
  readonly #sharedState: SharedState | null;
  /**
   * Jobs whose last message (complete or error) came here from another process lately. A session's arrival lists
   * its jobs, and the messages held for it, as Redis saw them, and the job's last message can overtake that answer
   * (it comes on another connection): such a job is over, not to watch, and its held messages are stale.
   */
  readonly #endedElsewhere = new RecentIds(4096);
  /** With a relay: the connection each session attached here uses. */
  readonly #owners = new Map<string, string>();
  #reapTimer: TimerHandle | null = null;
  /** Store calls nobody waits for, still on their way: `closeStore` lets them land first. */
  readonly #inFlight = new Set<Promise<unknown>>();
  #waiting = 0;
  #running = 0;
  #closed = false;

  constructor(options: QueueRuntimeOptions) {
    this.#sink = options.sink;
    this.#logger = options.logger;
    this.#clock = options.clock ?? systemClock;
    this.#showError = options.showError ?? false;
    this.#hooks = options.hooks ?? {};
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#progressIntervalMs = options.progressIntervalMs ?? 100;
    this.#maxAlerts = options.maxAlertsPerJob ?? 100;
    this.#graceMs = options.waitingGraceMs ?? 15_000;
    this.#timers = options.timers ?? null;
    const { config } = options.compiled;
    this.#bind(options.compiled);
    this.#updates = new GroupUpdates({
      clock: this.#clock,
      intervalMs: options.groupUpdateIntervalMs ?? 250,
      holdMs: (groupId) => this.#sink.holdGroupUpdateMs?.(groupId) ?? 0,
      broadcast: (message) => this.#sink.broadcast(message),
      onError: (error) => this.#storeFailed("reading a group update", error),
    });
    const setup: QueueStoreSetup = {
      groups: config.groups.map(({ id, limit }) => ({ id, limit })),
      batchSizes: batchSizesOf(config),
      caps: { maxSize: config.queue.maxSize, maxJobsPerSession: options.caps?.maxJobsPerSession ?? null, maxJobsPerIp: options.caps?.maxJobsPerIp ?? null },
      onChange: (groupId) => this.#updates.changed(groupId),
    };
    this.#store = options.store ? options.store(setup) : new MemoryQueueStore(setup, this.#clock);
    this.#updates.bind(this.#store);
    this.#relay = options.relay?.(this.#store) ?? null;
    this.#sessionFor = options.sessionFor;
    this.#sharedState = options.sharedState?.() ?? null;
    this.#reservations =
      this.#relay && this.#store.reserve && this.#store.handOver && this.#store.unreserve && (options.runsHandlers ?? true)
        ? new SlotReservations({
            store: this.#store,
            clock: this.#clock,
            prepare: (claim) => this.#prepareReserved(claim),
            start: (claims) => this.#startClaims(claims),
            call: (what, operation) => this.#call(what, operation),
          })
        : null;
    if (this.#relay) {
      this.#relay.listen((event) => this.#relayed(event));
      this.#scheduleReap(options.reapIntervalMs ?? 2_000);
      if (options.runsHandlers ?? true) void this.#pickUp(this.#relay);
    }
  }

  /**
   * Admits a job through the store: started at once if its group has a free slot and nobody runnable waits,
   * queued otherwise, or refused (caps, a full queue, a store that can't be reached).
   */
  submit(request: SubmitRequest): MaybePromise<RuntimeReply<{ job: Job }>> {
    if (this.#closed) return refuse("server_stopping", "The server is shutting down; try again shortly.");
    const dependency = this.#dependencies.get(request.dependencyId);
    if (!dependency) return refuse("unknown_api", `No listener has id ${request.dependencyId}.`);
    const job = new Job({
      id: this.#newId(),
      owner: request.owner,
      session: request.session,
      dependency: dependency.config,
      entry: dependency.entry,
      groupId: dependency.config.groupId,
      data: request.data,
      request: request.request ?? NO_REQUEST,
      eventData: request.eventData,
    });
    const collecting = this.#collecting.get(dependency.config.id);
    if (job.groupId === null || collecting) {
      request.accepted?.(job);
      this.#track(job);
      if (collecting) this.#addToBatch(collecting, job);
      else this.#start([job], null);
      return { ok: true, job };
    }
    let outcome: MaybePromise<SubmitOutcome>;
    try {
      const storeJob = { id: job.id, groupId: job.groupId, dependencyId: job.dependency.id, sessionId: job.session.id, ip: job.request.ip };
      outcome = this.#store.submit(this.#relay ? { ...storeJob, payload: jobPayload(job) } : storeJob);
    } catch (error) {
      return this.#unavailable(error);
    }
    if (!isPromise(outcome)) return this.#admitted(job, outcome, request.accepted);
    return outcome.then(
      (o) => this.#admitted(job, o, request.accepted),
      (error: unknown) => this.#unavailable(error),
    );
  }

  /**
   * Cancels a job of `sessionId`: a waiting one leaves the queue and never runs; a running one is told
   * `cancelled` at once and its signal aborted, and keeps its slot until its handler returns.
   */
  cancel(jobId: string, sessionId: string): MaybePromise<RuntimeReply<object>> {
    const job = this.#jobs.get(jobId);
    const relay = this.#relay;
    if (relay && (!job || job.remote)) {
      // It runs (or waits) as far as this process knows elsewhere: the store finds it.
      if (job && job.session.id !== sessionId) return refuse("validation", NO_SUCH_JOB);
      return andThen(relay.cancel(jobId, sessionId), (answer) => {
        if (answer === "unknown") return refuse("validation", NO_SUCH_JOB);
        if (answer === "left") this.#relayedJobMessage(sessionId, { type: "error", jobId, error: CANCELLED });
        return { ok: true };
      });
    }
    if (!job || job.session.id !== sessionId || job.settled) return refuse("validation", NO_SUCH_JOB);
    this.#end(job, CANCELLED);
    return { ok: true };
  }

  /**
   * A connection closed. Its running jobs go on, their messages kept (compactly) until the session reconnects
   * (`reattach`) or ends (`endSession`); its waiting jobs keep their place for `waitingGraceMs`, passed over
   * meanwhile, and leave the queue if the session is not back by then.
   */
  detach(owner: string, sessionId?: string): void {
    const owned = this.#byOwner.take(owner);
    const parked = new Set<string>();
    if (this.#relay && sessionId !== undefined && this.#owners.get(sessionId) === owner) {
      // Its messages are held (or go to where it reconnects) and its waiting jobs are parked, cluster-wide.
      this.#owners.delete(sessionId);
      const relay = this.#relay;
      this.#call("marking a session away", () => relay.away(sessionId));
      parked.add(sessionId);
    }
    for (const job of owned) {
      if (job.phase === "waiting" && !job.batch) parked.add(job.session.id);
      if (job.phase === "waiting") this.#sink.leftQueue(job);
      job.owner = null;
      if (!this.#relay) job.held = new HeldMessages();
      this.#detached.add(job.session.id, job);
    }
    for (const parkedSession of parked) {
      if (!this.#relay) this.#call("parking a session", () => this.#store.park(parkedSession));
      this.#startGrace(parkedSession);
    }
  }

  /**
   * The session reconnected on `owner`: its detached jobs report there, starting with what they said meanwhile;
   * its waiting ones are told where they stand now, then may run again. In a cluster, the answer settles once this
   * process knows the session's jobs (`sessionJobs`) and has passed on what they said while it was away.
   */
  reattach(sessionId: string, owner: string, session?: Session): Promise<unknown> | undefined {
    if (this.#relay) return this.#arrive(this.#relay, session ?? { id: sessionId, state: new Map() }, owner);
    const detached = this.#detached.take(sessionId);
    if (detached.size === 0) return undefined;
    this.#stopGrace(sessionId);
    const waiting: Job[] = [];
    for (const job of detached) {
      const held = job.held?.take() ?? [];
      job.held = null;
      job.owner = owner;
      if (job.phase !== "done") this.#byOwner.add(owner, job);
      for (const message of held) this.#sink.send(job, message);
      if (job.phase === "waiting" && !job.batch && !job.settled) waiting.push(job);
    }
    if (waiting.length === 0) return undefined;
    // Places first, then resume: a job that can start at once must be told `queued` before `started`.
    return this.#call("resuming a session", () =>
      andThen(this.#placeAll(waiting), () => andThen(this.#store.resume(sessionId), (claims) => this.#startClaims(claims))),
    );
  }

  /** The unfinished jobs of a session that this process runs or watches for a client connected here. */
  sessionJobs(sessionId: string): { readonly id: string; readonly apiName: string }[] {
    const jobs: { id: string; apiName: string }[] = [];
    for (const job of this.#bySession.get(sessionId)) if (!job.settled) jobs.push({ id: job.id, apiName: job.dependency.apiName });
    return jobs;
  }

  /**
   * The session is gone for good (its TTL passed with no connection): its detached jobs are cancelled and
   * forgotten, then its `onUnload` listeners run, with its State.
   */
  endSession(session: Session): void {
    for (const job of this.#detached.take(session.id)) {
      job.held = null;
      if (!job.settled) this.#end(job, { code: "disconnected", message: "The session ended." });
    }
    this.#stopGrace(session.id);
    this.#timers?.drop(session.id);
    for (const dependencyId of this.#unload) {
      void andThen(this.submit({ owner: null, session, dependencyId, data: [] }), (reply) => {
        if (!reply.ok) this.#logger.warn(`onUnload listener could not run for a session: ${reply.error.message}`);
      });
    }
  }

  /**
   * The app was edited and compiled again (`blockwork dev`). Listeners are matched by API name and State by its
   * place (`stateIds`: old component id → new). Running jobs finish on the handler they started with; waiting jobs
   * of listeners that still exist, in the same group, keep their place and will run the new handler; the others
   * end with an error. Batches still gathering run now with what they have. One process only (no relay).
   */
  reload(compiled: CompiledApp, stateIds: ReadonlyMap<number, number>): void {
    const reconfigure = this.#store.reconfigure?.bind(this.#store);
    if (this.#relay || !reconfigure) throw new Error("live reload needs the in-memory queue (one process)");
    for (const batch of [...this.#collecting.values()]) this.#runBatch(batch);
    this.#bind(compiled);
    const byApiName = new Map([...this.#dependencies.values()].map((d) => [d.config.apiName, d]));
    const dependencyIds = new Map<number, number>();
    for (const job of [...this.#jobs.values()]) {
      if (job.settled || job.remote) continue;
      if (job.phase === "running") {
        job.entry = remapState(job.entry, stateIds);
        continue;
      }
      if (job.phase !== "waiting") continue;
      const next = byApiName.get(job.apiName);
      if (!next || next.config.groupId !== job.groupId || (next.config.batch === null) !== (job.dependency.batch === null)) {
        this.#end(job, { code: "unknown_api", message: `${job.apiName} was removed or changed its queue when the app reloaded; run it again.` });
        continue;
      }
      dependencyIds.set(job.dependency.id, next.config.id);
      this.#countPending(job, -1);
      job.dependency = next.config;
      job.entry = next.entry;
      this.#countPending(job, 1);
    }
    const { config } = compiled;
    const claims = reconfigure({
      groups: config.groups.map(({ id, limit }) => ({ id, limit })),
      batchSizes: batchSizesOf(config),
      dependencyIds,
    });
    this.#startClaims(claims);
  }

  /** Whether this runtime shares its queue with other processes (every connection then attaches its session). */
  get clustered(): boolean {
    return this.#relay !== null;
  }

  /** Whether the session has a job of one of `dependencies` waiting or running. */
  isPending(sessionId: string, dependencies: readonly number[]): boolean {
    const counts = this.#pending.get(sessionId);
    return counts !== undefined && dependencies.some((d) => (counts.get(d) ?? 0) > 0);
  }

  /** Refuses new jobs and drops every waiting one; running handlers are left to finish. */
  close(): void {
    this.#closed = true;
    for (const job of [...this.#jobs.values()]) {
      if (job.phase === "waiting") this.#end(job, { code: "server_stopping", message: "The server is shutting down." });
    }
    for (const handle of this.#grace.values()) this.#clock.clearTimeout(handle);
    this.#grace.clear();
    if (this.#reapTimer) this.#clock.clearTimeout(this.#reapTimer);
    this.#reapTimer = null;
    this.#reservations?.close();
    this.#updates.close();
  }

  /** Ends every running job with `server_stopping` (aborting its signal): a shutdown's grace period is over. */
  stopRunning(): void {
    for (const job of [...this.#jobs.values()]) {
      if (job.phase === "running" && !job.settled) this.#end(job, { code: "server_stopping", message: "The server stopped before the job finished." });
    }
  }

  /**
   * The shared store lost these jobs (Redis restarted empty): their clients are told, running ones are aborted
   * (their slots are gone, so the group's limit would no longer hold), waiting ones will never run.
   */
  lost(jobIds: readonly string[]): void {
    for (const id of jobIds) {
      const job = this.#jobs.get(id);
      if (!job || job.settled) continue;
      if (job.remote) this.#relayedJobMessage(job.session.id, { type: "error", jobId: id, error: STORE_LOST });
      else this.#end(job, STORE_LOST);
    }
  }

  /**
   * Lets go of the store (after `close` and the running jobs), once the calls on their way have landed: the
   * sessions that left during a shutdown are recorded as away, so they resume on another process.
   */
  async closeStore(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.#inFlight]), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    await this.#store.close();
  }

  /** Every group's limit, waiting and running jobs, across the cluster with a shared store. */
  groupStats(): MaybePromise<readonly GroupStats[]> {
    return this.#store.stats();
  }

  /** A listener's average run time so far (ms), `null` before its first run. */
  listenerEstimate(dependencyId: number): number | null {
    return this.#store.listenerEstimate(dependencyId);
  }

  stats(): RuntimeStats {
    return { waiting: this.#waiting, jobs: this.#jobs.size, running: this.#running };
  }

  #bind({ config, handlers }: CompiledApp): void {
    this.#timerIds = new Set(config.components.filter((c) => c.type === "timer").map((c) => c.id));
    this.#unload = config.dependencies.filter((d) => d.hasHandler && d.triggers.some((t) => t.event === "unload")).map((d) => d.id);
    this.#dependencies = new Map();
    for (const dependency of config.dependencies) {
      const entry = handlers.get(dependency.id);
      if (entry) this.#dependencies.set(dependency.id, { config: dependency, entry });
    }
  }

  #admitted(job: Job, outcome: SubmitOutcome, accepted: SubmitRequest["accepted"]): RuntimeReply<{ job: Job }> {
    if (outcome.kind === "refused") return { ok: false, error: outcome.error };
    accepted?.(job);
    this.#track(job);
    if (outcome.kind === "started") {
      this.#startClaims([outcome.claim]);
    } else if (outcome.kind === "dispatched") {
      // A worker process takes it: watched here until its messages come back.
      job.remote = true;
      this.#waiting++;
    } else {
      job.ticket = outcome.ticket;
      this.#waiting++;
      if (job.owner !== null) this.#sink.enteredQueue(job);
      const { ticket, rank, size, estimate } = outcome;
      this.#send(job, { type: "queued", jobId: job.id, groupId: job.groupId!, ticket, rank, size, estimate });
    }
    return { ok: true, job };
  }

  #track(job: Job): void {
    this.#jobs.set(job.id, job);
    this.#bySession.add(job.session.id, job);
    if (job.owner !== null) this.#byOwner.add(job.owner, job);
    this.#countPending(job, 1);
    this.#timers?.joined(job.session.id, job.dependency.id);
  }

  /** Tells each waiting job where it stands now. */
  #placeAll(jobs: readonly Job[]): MaybePromise<void> {
    return andThen(all(jobs.map((job) => this.#store.place(job.id))), (places) => {
      jobs.forEach((job, i) => {
        const place = places[i];
        if (!place || job.settled || job.phase !== "waiting") return;
        if (job.owner !== null) this.#sink.enteredQueue(job);
        this.#send(job, { type: "queued", jobId: job.id, groupId: job.groupId!, ...place });
      });
    });
  }

  #startGrace(sessionId: string): void {
    const previous = this.#grace.get(sessionId);
    if (previous) this.#clock.clearTimeout(previous);
    this.#grace.set(
      sessionId,
      this.#clock.setTimeout(() => this.#graceOver(sessionId), this.#graceMs),
    );
  }

  #stopGrace(sessionId: string): void {
    const grace = this.#grace.get(sessionId);
    if (grace) this.#clock.clearTimeout(grace);
    this.#grace.delete(sessionId);
  }

  /** The grace period of a detached session passed: its waiting jobs leave the queue, never to run. */
  #graceOver(sessionId: string): void {
    this.#grace.delete(sessionId);
    const dropped: ErrorPayload = {
      code: "disconnected",
      message: `The job was dropped: its connection closed and did not come back within ${Math.round(this.#graceMs / 1000)} s.`,
    };
    const relay = this.#relay;
    if (!relay) {
      for (const job of this.#detached.get(sessionId)) if (job.phase === "waiting" && !job.settled) this.#end(job, dropped);
      return;
    }
    // Unless the session is back somewhere, the store takes its parked jobs out (they never run). Either way this
    // process stops watching the session's waiting and remote jobs: wherever they run, they report to wherever
    // the session is now, and a process that claims one rebuilds it from its payload.
    this.#call("ending a session's grace period", () =>
      andThen(relay.expire(sessionId), (gone) => {
        if (this.#owners.has(sessionId)) return;
        for (const id of gone) this.#relayedJobMessage(sessionId, { type: "error", jobId: id, error: dropped });
        // Dropping a view forgets the job, which takes it out of `#detached` (a finished job never stays there).
        for (const job of this.#detached.get(sessionId)) if (job.remote || job.phase === "waiting") this.#dropView(job);
      }),
    );
  }

  /** Settles a job with an error: a waiting job leaves the queue at once; a running one is aborted. */
  #end(job: Job, error: ErrorPayload): void {
    if (job.phase === "waiting" && !job.batch) {
      // If a claim for it is already on its way here, it arrives settled and hands its slot on; if another
      // process took it meanwhile, that process is told to stop it.
      const relay = this.#relay;
      this.#call("removing a waiting job", () =>
        andThen(this.#store.leave(job.id), (left) => (left || !relay ? undefined : andThen(relay.cancel(job.id, job.session.id), () => undefined))),
      );
      this.#waiting--;
      if (job.owner !== null) this.#sink.leftQueue(job);
      this.#forget(job);
    } else {
      job.abort();
    }
    this.#settle(job, { type: "error", jobId: job.id, error });
    const batch = job.batch;
    if (batch?.collecting && batch.jobs.every((j) => j.settled)) {
      // Every job of a batch still gathering left: it never runs, and its slot frees now.
      this.#clock.clearTimeout(batch.collecting);
      batch.collecting = null;
      this.#collecting.delete(batch.dependency.id);
      this.#release(batch.jobs);
    } else {
      batch?.settled();
    }
  }

  #startClaims(claims: readonly SlotClaim[]): void {
    for (const claim of claims) this.#startClaim(claim);
  }

  /** A slot the store handed this process: its jobs start (a batch may first gather more). */
  #startClaim(claim: SlotClaim): void {
    const jobs: Job[] = [];
    let foreign = false;
    for (const id of claim.jobIds) {
      let job = this.#jobs.get(id);
      if (job?.remote) {
        // Watched here for a client that moved here, and now claimed here: rebuilt from its payload to run.
        this.#dropView(job);
        job = undefined;
      }
      if (!job) {
        foreign = true;
        continue;
      }
      if (job.phase === "waiting" && job.ticket >= 0) {
        this.#waiting--;
        if (job.owner !== null) this.#sink.leftQueue(job);
      }
      if (job.settled) this.#forget(job);
      else jobs.push(job);
    }
    if (foreign && this.#relay) {
      this.#adopt(claim, jobs);
      return;
    }
    if (jobs.length === 0) {
      // Its jobs were cancelled while the claim was on its way: the slot goes straight to the next one.
      this.#releaseClaim(claim);
      return;
    }
    this.#start(jobs, claim);
  }

  /** Starts jobs in a slot (`null`: a `queue: false` job, in none). */
  #start(jobs: Job[], claim: SlotClaim | null): void {
    const first = jobs[0]!;
    for (const job of jobs) job.claim = claim;
    const batchOptions = first.dependency.batch;
    if (!batchOptions) {
      this.#begin(jobs);
      if (claim) this.#reservations?.started(claim, first.dependency.id, this.#store.listenerEstimate(first.dependency.id));
      void this.#run(jobs, null);
      return;
    }
    const batch = new Batch(first.dependency);
    for (const job of jobs) batch.add(job);
    if (batch.full || batchOptions.waitMs <= 0) {
      this.#runBatch(batch);
      return;
    }
    first.startedAt = this.#clock.now();
    this.#collecting.set(first.dependency.id, batch);
    batch.collecting = this.#clock.setTimeout(() => this.#runBatch(batch), batchOptions.waitMs);
  }

  #addToBatch(batch: Batch, job: Job): void {
    job.claim = batch.jobs[0]!.claim;
    batch.add(job);
    if (batch.full) this.#runBatch(batch);
  }

  #runBatch(batch: Batch): void {
    if (batch.collecting !== null) this.#clock.clearTimeout(batch.collecting);
    batch.collecting = null;
    if (this.#collecting.get(batch.dependency.id) === batch) this.#collecting.delete(batch.dependency.id);
    this.#begin(batch.jobs.filter((job) => !job.settled));
    void this.#run(batch.jobs, batch);
  }

  /** Marks jobs running and tells their clients. */
  #begin(jobs: readonly Job[]): void {
    const now = this.#clock.now();
    for (const job of jobs) {
      job.phase = "running";
      job.startedAt = now;
      this.#running++;
      if (job.groupId !== null) this.#hooks.jobStarted?.(job);
      this.#send(job, { type: "started", jobId: job.id, etaMs: roundOrNull(this.#store.listenerEstimate(job.dependency.id)) });
    }
  }

  /** Runs one handler call for `jobs` (one, or a batch), settles them with its outcome and frees the slot. */
  async #run(jobs: readonly Job[], batch: Batch | null): Promise<void> {
    const first = jobs[0]!;
    const { entry, dependency } = first;
    // Asked for lazily: a job's signal is only created if someone looks (see `Job.signal`).
    const signal = (): AbortSignal => (batch ? batch.abort.signal : first.signal);
    const live = () => jobs.filter((job) => !job.settled);
    let timeout: ReturnType<Clock["setTimeout"]> | null = null;
    try {
      // Always yield first, so that a handler never runs inside `submit` (before the join is acknowledged).
      await (first.groupId !== null ? this.#hooks.beforeHandler?.(first) : undefined);
      if (live().length === 0 || (batch !== null && batch.abort.signal.aborted)) return;
      if (dependency.timeoutMs !== null) {
        const limit = dependency.timeoutMs;
        timeout = this.#clock.setTimeout(() => {
          const message = `${dependency.apiName} ran longer than its ${limit} ms timeout and was stopped.`;
          for (const job of live()) this.#end(job, { code: "timeout", message });
        }, limit);
      }
      const shared = this.#sharedState;
      if (shared && entry.inputs.some((slot) => "state" in slot)) await Promise.all(sessionsOf(live()).map((session) => shared.load(session)));
      const handlerStart = this.#clock.now();
      const slotIndex = first.claim?.index ?? null;
      const args = batch
        ? [...batchArguments(entry, live()), batchContext(live(), signal(), this.#reports, slotIndex)]
        : [...mapInputs(entry, first.data, first.session), jobContext(first, this.#reports, slotIndex)];
      const running = batch ? live() : jobs;
      const result = await runHandler(entry.fn, args, {
        signal,
        onPartial: (value) => {
          if (batch) throw new TypeError(`${dependency.apiName} is a batch handler; batch handlers can't stream`);
          if (!first.settled) this.#output(first, "partial", mapOutputs(entry, value, first.session));
        },
      });
      if (live().length === 0) return;
      this.#store.recordRun(dependency.id, first.groupId, this.#clock.now() - handlerStart);
      const results = batch ? splitBatchResult(entry, result, running.length) : [result];
      const stateOutputs = shared ? entry.outputs.flatMap((slot) => ("state" in slot ? [slot.state] : [])) : [];
      for (const [i, job] of running.entries()) {
        if (job.settled) continue;
        const data = mapOutputs(job.entry, results[i], job.session);
        // Written before the client hears `complete`, so its next job sees the new State on any process.
        if (shared && stateOutputs.length > 0) await shared.save(job.session, stateOutputs);
        this.#output(job, "complete", data);
      }
    } catch (error) {
      const remaining = live();
      if (remaining.length > 0) {
        const payload = handlerErrorPayload(error, dependency.apiName, { showError: this.#showError, logger: this.#logger });
        for (const job of remaining) this.#settle(job, { type: "error", jobId: job.id, error: payload });
      }
    } finally {
      if (timeout !== null) this.#clock.clearTimeout(timeout);
      this.#release(jobs);
    }
  }

  /** Sends a partial or final result (the handler's value mapped onto the listener's wire outputs). */
  #output(job: Job, type: "partial" | "complete", data: unknown[]): void {
    if (this.#timers && this.#timerIds.size > 0) this.#timerOutputs(job, data);
    if (type === "complete") this.#settle(job, { type, jobId: job.id, data });
    else this.#send(job, { type, jobId: job.id, data });
  }

  /** A handler that outputs to a Timer changes that session's ticking. */
  #timerOutputs(job: Job, data: readonly unknown[]): void {
    job.dependency.outputs.forEach((componentId, i) => {
      if (!this.#timerIds.has(componentId) || i >= data.length) return;
      const value = data[i];
      if (typeof value === "number") this.#timers!.update(job.session.id, componentId, { intervalMs: value });
      else if (isOutputUpdate(value)) {
        const { value: intervalMs, active } = value.__update__;
        this.#timers!.update(job.session.id, componentId, {
          ...(typeof intervalMs === "number" ? { intervalMs } : {}),
          ...(typeof active === "boolean" ? { active } : {}),
        });
      }
    });
  }

  #progress(job: Job, message: ProgressMessage): void {
    job.progress = message;
    job.progressThrottle ??= new Throttle(this.#clock, this.#progressIntervalMs, () => {
      const latest = job.progress;
      job.progress = null;
      if (latest && !job.settled) this.#send(job, latest);
    });
    job.progressThrottle.trigger();
  }

  #alert(job: Job, level: AlertLevel, message: string): void {
    if (++job.alerts > this.#maxAlerts) return;
    this.#send(job, { type: "alert", jobId: job.id, level, message: message.slice(0, 2000) });
  }

  /**
   * A job message, to its connection; while that is gone, to its held messages, or (in a cluster) to wherever its
   * session is connected now.
   */
  #send(job: Job, message: JobMessage): void {
    if (job.owner === null && this.#relay) {
      const owner = this.#owners.get(job.session.id);
      if (owner === undefined) {
        const relay = this.#relay;
        this.#call("relaying a job message", () => relay.deliver(job.session.id, message, true));
        return;
      }
      this.#own(job, owner);
    }
    if (job.owner !== null) this.#sink.send(job, message);
    else job.held?.add(message);
  }

  #own(job: Job, owner: string): void {
    job.owner = owner;
    if (job.phase !== "done") this.#byOwner.add(owner, job);
  }

  // ---- a cluster: jobs that run elsewhere, and sessions that move ----

  /**
   * A session's connection arrived here (new, or moved from another process): its messages come here from now on;
   * it gets what it missed, and each of its unfinished jobs is watched here; waiting ones are told where they
   * stand, then may run again.
   */
  #arrive(relay: ClusterRelay, session: Session, owner: string): Promise<unknown> | undefined {
    const sessionId = session.id;
    this.#owners.set(sessionId, owner);
    this.#stopGrace(sessionId);
    for (const job of this.#detached.take(sessionId)) if (job.phase !== "done") this.#own(job, owner);
    return this.#call("attaching a session", () =>
      andThen(relay.arrive(sessionId), ({ held, jobs }) => {
        if (this.#owners.get(sessionId) !== owner) return;
        // A job's last message may be held while its process has not released it yet, or have come here before
        // this answer: either way it is over, not to watch.
        for (const message of held) this.#relayedJobMessage(sessionId, message);
        const waiting: Job[] = [];
        for (const known of jobs) {
          if (this.#endedElsewhere.has(known.id)) continue;
          const job = this.#jobs.get(known.id) ?? this.#watch(known, session, owner);
          if (job && job.phase === "waiting" && !job.settled) waiting.push(job);
        }
        if (waiting.length === 0) return;
        return andThen(this.#placeAll(waiting), () => andThen(this.#store.resume(sessionId), (claims) => this.#startClaims(claims)));
      }),
    );
  }

  /** A job of a session that connected here, submitted elsewhere: watched here for its client's sake. */
  #watch(known: SessionJob, session: Session, owner: string): Job | null {
    const dependency = this.#dependencies.get(known.dependencyId);
    if (!dependency) return null;
    const job = new Job({
      id: known.id,
      owner,
      session,
      dependency: dependency.config,
      entry: dependency.entry,
      groupId: dependency.config.groupId,
      data: [],
      request: NO_REQUEST,
      eventData: undefined,
    });
    job.remote = true;
    if (known.phase === "running") job.phase = "running";
    else this.#waiting++;
    this.#track(job);
    return job;
  }

  #relayed(event: RelayEvent): void {
    if (event.kind === "job") {
      this.#relayedJobMessage(event.sessionId, event.message);
      return;
    }
    if (event.kind === "claim") {
      this.#startClaims([event.claim]);
      return;
    }
    if (event.kind === "moved") {
      this.#moved(event.sessionId);
      return;
    }
    if (event.kind === "unreserved") {
      this.#reservations?.withdrawn(event.jobId);
      return;
    }
    const job = this.#jobs.get(event.jobId);
    if (job && !job.remote && !job.settled && job.session.id === event.sessionId) this.#end(job, CANCELLED);
  }

  /**
   * The session connected to another process while a connection here still had it: its jobs' messages go there
   * from now on (through the relay), and the connection here is told it no longer reads them.
   */
  #moved(sessionId: string): void {
    const owner = this.#owners.get(sessionId);
    if (owner === undefined) return;
    this.#owners.delete(sessionId);
    for (const job of this.#byOwner.get(owner)) {
      if (job.session.id !== sessionId) continue;
      if (job.phase === "waiting") this.#sink.leftQueue(job);
      this.#byOwner.delete(owner, job);
      job.owner = null;
    }
    this.#sink.superseded?.(owner);
  }

  /**
   * A message of a job that ran elsewhere (or left the queue elsewhere), for a session that is, or was, here: it
   * updates what this process watches of the job, then goes to the session's connection or on to where it is.
   */
  #relayedJobMessage(sessionId: string, message: JobMessage): void {
    // A message of a job whose end came here already is stale: a held one replayed after the end overtook it.
    if (this.#endedElsewhere.has(message.jobId)) return;
    if (message.type === "complete" || message.type === "error") this.#endedElsewhere.add(message.jobId);
    const job = this.#jobs.get(message.jobId);
    if (!job) {
      const owner = this.#owners.get(sessionId);
      if (owner !== undefined) this.#sink.deliver(owner, message);
      else if (this.#relay) {
        const relay = this.#relay;
        this.#call("relaying a job message", () => relay.deliver(sessionId, message, true));
      }
      return;
    }
    if (message.type === "started" && job.phase === "waiting") {
      // Another process took it from the queue.
      job.remote = true;
      this.#waiting--;
      if (job.owner !== null) this.#sink.leftQueue(job);
      job.phase = "running";
    }
    if (message.type === "complete" || message.type === "partial") {
      if (this.#timers && this.#timerIds.size > 0) this.#timerOutputs(job, message.data);
    }
    if (message.type === "complete" || message.type === "error") {
      this.#settle(job, message);
      this.#dropView(job);
      return;
    }
    this.#send(job, message);
  }

  /** Stops watching a job that runs, or ran, elsewhere. */
  #dropView(job: Job): void {
    if (job.phase === "done") return;
    if (job.phase === "waiting") {
      this.#waiting--;
      if (job.owner !== null) this.#sink.leftQueue(job);
    }
    this.#forget(job);
  }

  /** Jobs claimed here that another process submitted: rebuilt from their payloads, with their sessions. */
  #adopt(claim: SlotClaim, known: Job[]): void {
    const adopted = claim.jobIds.flatMap((id, i) => (this.#jobs.has(id) ? [] : [this.#rebuild(id, claim.payloads?.[i])]));
    this.#call("adopting claimed jobs", () =>
      andThen(all(adopted), (jobs) => {
        const rebuilt = jobs.filter((job): job is Job => job !== null);
        for (const job of rebuilt) this.#track(job);
        const live = [...known, ...rebuilt];
        if (live.length === 0) this.#releaseClaim(claim);
        else this.#start(live, claim);
      }),
    );
  }

  /** A job another process submitted, rebuilt from its payload with its session (not tracked yet); `null` if it can't run here. */
  #rebuild(id: string, payloadText: string | undefined): MaybePromise<Job | null> {
    const payload = readJobPayload(payloadText);
    const dependency = payload ? this.#dependencies.get(payload.dependencyId) : undefined;
    const sessionFor = this.#sessionFor;
    if (!payload || !dependency || !sessionFor) {
      this.#logger.error(`a claimed job can't run here: ${payload ? "unknown listener" : "no payload"}`, id);
      return null;
    }
    return andThen(
      sessionFor(payload.sessionId, payload.username),
      (session) =>
        new Job({
          id,
          owner: this.#owners.get(session.id) ?? null,
          session,
          dependency: dependency.config,
          entry: dependency.entry,
          groupId: dependency.config.groupId,
          data: payload.data,
          request: payload.request,
          eventData: payload.eventData,
        }),
    );
  }

  /** A reserved claim's jobs, ready to start when their slot frees: those waiting here, the others rebuilt. */
  #prepareReserved(claim: SlotClaim): MaybePromise<Job[]> {
    const jobs = claim.jobIds.map((id, i) => {
      const here = this.#jobs.get(id);
      if (here && !here.remote) return here;
      return andThen(this.#rebuild(id, claim.payloads?.[i]), (job) => {
        if (job) this.#rebuilt.add(job);
        return job;
      });
    });
    return andThen(all(jobs), (built) => built.filter((job): job is Job => job !== null));
  }

  /**
   * Starts a slot's reserved next job the moment the slot's job ended, then tells the store. If the store no longer
   * had it reserved (it left the queue meanwhile, and its client was told where it left), it is stopped again.
   */
  #startReserved(claim: SlotClaim, { claim: reserved, jobs }: ReservedNext): MaybePromise<void> {
    const live: Job[] = [];
    for (const job of jobs) {
      if (this.#rebuilt.has(job)) {
        this.#rebuilt.delete(job);
        const view = this.#jobs.get(job.id);
        if (view?.remote) this.#dropView(view);
        else if (view) continue;
        this.#track(job);
      } else {
        if (job.settled || job.phase !== "waiting") continue;
        this.#waiting--;
        if (job.owner !== null) this.#sink.leftQueue(job);
      }
      live.push(job);
    }
    // Nothing to start: the release gives the reservation back, and the slot goes to the head.
    if (live.length === 0) return this.#releaseClaim(claim);
    this.#start(live, reserved);
    return andThen(this.#store.handOver!(claim, reserved), (outcome) => {
      if (outcome.kept) return;
      for (const job of live) this.#void(job);
      this.#reservations?.cancel(reserved);
      this.#startClaims(outcome.claims);
    });
  }

  /** Stops a job that should not have started, quietly (its client heard elsewhere), leaving its slot alone. */
  #void(job: Job): void {
    job.claim = null;
    if (this.#markSettled(job)) job.abort();
  }

  /** Runs the claims that processes without handlers leave for this one, as they come. */
  async #pickUp(relay: ClusterRelay): Promise<void> {
    while (!this.#closed) {
      try {
        const claim = await relay.nextDispatched();
        if (claim && !this.#closed) this.#startClaims([claim]);
      } catch (error) {
        if (this.#closed) return;
        this.#storeFailed("waiting for dispatched jobs", error);
        await new Promise((resolve) => this.#clock.setTimeout(() => resolve(undefined), 1000));
      }
    }
  }

  /** Looks for dead processes every interval: their running jobs' clients are told, their slots handed on. */
  #scheduleReap(intervalMs: number): void {
    this.#reapTimer = this.#clock.setTimeout(() => {
      const relay = this.#relay;
      if (this.#closed || !relay) return;
      this.#call("reaping dead processes", () =>
        andThen(relay.reap(), ({ lostJobs, claims, awaySessions }) => {
          for (const { id, sessionId } of lostJobs) this.#relayedJobMessage(sessionId, { type: "error", jobId: id, error: PROCESS_LOST });
          for (const sessionId of awaySessions) this.#startGrace(sessionId);
          this.#startClaims(claims);
        }),
      );
      this.#scheduleReap(intervalMs);
    }, intervalMs);
  }

  #settle(job: Job, message: JobMessage): void {
    if (this.#markSettled(job)) this.#send(job, message);
  }

  /** Marks the job settled, its pending progress dropped; false if it was already. */
  #markSettled(job: Job): boolean {
    if (job.settled) return false;
    job.settled = true;
    job.progressThrottle?.cancel();
    job.progress = null;
    return true;
  }

  /** Frees the slot that `jobs` ran in, which the store hands on at once (in this process, for a memory store). */
  #release(jobs: readonly Job[]): void {
    for (const job of jobs) {
      if (job.phase === "running") {
        this.#running--;
        if (job.groupId !== null) this.#hooks.jobEnded?.(job);
      }
      this.#forget(job);
    }
    const claim = jobs[0]?.claim;
    if (claim) this.#handOn(claim);
  }

  /** Hands a slot on: to the job reserved to follow in it, which starts now, or through the store. */
  #handOn(claim: SlotClaim): void {
    const next = this.#reservations?.ended(claim) ?? null;
    if (next === null) return this.#releaseClaim(claim);
    this.#call("handing a slot on", () => andThen(next, (ready) => (ready ? this.#startReserved(claim, ready) : this.#releaseClaim(claim))));
  }

  #releaseClaim(claim: SlotClaim): void {
    this.#call("releasing a slot", () => andThen(this.#store.release(claim), (claims) => this.#startClaims(claims)));
  }

  #forget(job: Job): void {
    if (job.phase === "done") return;
    job.phase = "done";
    this.#jobs.delete(job.id);
    this.#bySession.delete(job.session.id, job);
    this.#countPending(job, -1);
    // In a cluster nothing is held here for a detached session (its messages are relayed): nothing to keep.
    if (this.#relay) this.#detached.delete(job.session.id, job);
    if (job.owner !== null) this.#byOwner.delete(job.owner, job);
  }

  #countPending(job: Job, delta: number): void {
    const sessionId = job.session.id;
    let counts = this.#pending.get(sessionId);
    if (!counts) this.#pending.set(sessionId, (counts = new Map()));
    const next = (counts.get(job.dependency.id) ?? 0) + delta;
    if (next > 0) counts.set(job.dependency.id, next);
    else counts.delete(job.dependency.id);
    if (counts.size === 0) this.#pending.delete(sessionId);
  }

  /** Runs a store operation whose failure is logged, not thrown; returns its completion when it is asynchronous. */
  #call(what: string, operation: () => MaybePromise<unknown>): Promise<unknown> | undefined {
    try {
      const result = operation();
      if (!isPromise(result)) return undefined;
      const tracked = result.catch((error: unknown) => this.#storeFailed(what, error)).finally(() => this.#inFlight.delete(tracked));
      this.#inFlight.add(tracked);
      return tracked;
    } catch (error) {
      this.#storeFailed(what, error);
      return undefined;
    }
  }

  #storeFailed(what: string, error: unknown): void {
    this.#logger.error(`queue store failed while ${what}`, error);
  }

  #unavailable(error: unknown): RuntimeReply<{ job: Job }> {
    if (!(error instanceof StoreUnavailableError)) this.#storeFailed("admitting a job", error);
    return refuse("unavailable", "The queue is unavailable right now; try again shortly.");
  }
}

const NO_SUCH_JOB = "No such job in this session; it may have finished already.";
const CANCELLED: ErrorPayload = { code: "cancelled", message: "The job was cancelled." };
const STORE_LOST: ErrorPayload = { code: "unavailable", message: "The queue's Redis restarted and lost this job; try again." };
const PROCESS_LOST: ErrorPayload = { code: "unavailable", message: "The server process that ran (or was to run) this job is gone; try again." };

function refuse(code: ErrorCode, message: string): { ok: false; error: ErrorPayload } {
  return { ok: false, error: { code, message } };
}

function sessionsOf(jobs: readonly Job[]): Session[] {
  return [...new Set(jobs.map((job) => job.session))];
}

function roundOrNull(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}

function batchSizesOf(config: CompiledApp["config"]): Map<number, number> {
  return new Map(config.dependencies.flatMap((d) => (d.batch ? [[d.id, d.batch.maxSize] as const] : [])));
}

/** A running job's handler entry with its State slots moved to where the reloaded app keeps those States. */
function remapState(entry: HandlerEntry, stateIds: ReadonlyMap<number, number>): HandlerEntry {
  // A State the new version dropped has no id: its value is written where nothing reads it.
  const move = (slot: ValueSlot): ValueSlot => ("state" in slot ? { state: stateIds.get(slot.state) ?? -1 } : slot);
  return { ...entry, inputs: entry.inputs.map(move), outputs: entry.outputs.map(move) };
}
