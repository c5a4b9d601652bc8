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
} from "@blockwork/core";
import type { Logger } from "../logger.ts";
import type { Session } from "../session/session.ts";
import { Batch, batchArguments, splitBatchResult } from "./batch.ts";
import { systemClock, type Clock } from "./clock.ts";
import { ConcurrencyGroup } from "./concurrency-group.ts";
import { EtaEstimator } from "./eta-estimator.ts";
import { handlerErrorPayload } from "./handler-error.ts";
import { HeldMessages } from "./held-messages.ts";
import { batchContext, jobContext, type ReportSink } from "./job-context.ts";
import { Job } from "./job.ts";
import { mapInputs, mapOutputs } from "./map-outputs.ts";
import { runHandler } from "./run-handler.ts";
import type { RuntimeHooks, RuntimeSink } from "./runtime-sink.ts";
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
}

const NO_REQUEST: HandlerRequest = Object.freeze({ ip: "", headers: Object.freeze({}) });

export type RuntimeReply<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: ErrorPayload };

export interface RuntimeStats {
  readonly waiting: number;
  readonly running: number;
  /** Jobs tracked, in any phase: back to 0 when nothing is left to run or report. */
  readonly jobs: number;
  readonly groups: readonly { readonly id: string; readonly limit: number | null; readonly waiting: number; readonly running: number }[];
}

/**
 * The dispatcher: one `ConcurrencyGroup` per group, jobs started the moment a slot frees (no polling), and the
 * job lifecycle (started → (progress | partial | alert)* → complete | error) reported through the sink. A slot
 * is freed only when its handler has settled, even if the job was cancelled or timed out long before.
 */
export class QueueRuntime {
  readonly #sink: RuntimeSink;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #showError: boolean;
  readonly #hooks: RuntimeHooks;
  readonly #newId: () => string;
  readonly #maxSize: number | null;
  readonly #progressIntervalMs: number;
  readonly #maxAlerts: number;
  readonly #timers: TimerPacer | null;
  readonly #timerIds: ReadonlySet<number>;
  readonly #unload: readonly number[];
  readonly #dependencies = new Map<number, { config: DependencyConfig; entry: HandlerEntry }>();
  readonly #groups = new Map<string, ConcurrencyGroup>();
  readonly #jobs = new Map<string, Job>();
  readonly #byOwner = new Map<string, Set<Job>>();
  /** Unfinished jobs per session and dependency, for Timer pacing. */
  readonly #pending = new Map<string, Map<number, number>>();
  /** Running (or finished, unreported) jobs whose connection dropped, by session, until it reconnects. */
  readonly #detached = new Map<string, Set<Job>>();
  /** Batches still gathering jobs in their `batchWaitMs` window, by dependency. */
  readonly #collecting = new Map<number, Batch>();
  readonly #listenerEta = new EtaEstimator<number>();
  readonly #groupEta = new EtaEstimator<string>();
  readonly #reports: ReportSink = {
    progress: (job, message) => this.#progress(job, message),
    alert: (job, level, message) => this.#alert(job, level, message),
  };
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
    this.#timers = options.timers ?? null;
    const { config, handlers } = options.compiled;
    this.#maxSize = config.queue.maxSize;
    this.#timerIds = new Set(config.components.filter((c) => c.type === "timer").map((c) => c.id));
    this.#unload = config.dependencies.filter((d) => d.hasHandler && d.triggers.some((t) => t.event === "unload")).map((d) => d.id);
    for (const dependency of config.dependencies) {
      const entry = handlers.get(dependency.id);
      if (entry) this.#dependencies.set(dependency.id, { config: dependency, entry });
    }
    for (const group of config.groups) {
      this.#groups.set(
        group.id,
        new ConcurrencyGroup({
          id: group.id,
          limit: group.limit,
          clock: this.#clock,
          updateIntervalMs: options.groupUpdateIntervalMs ?? 250,
          averageRunMs: () => this.#groupEta.get(group.id),
          holdUpdateMs: () => this.#sink.holdGroupUpdateMs?.(group.id) ?? 0,
          onUpdate: (message) => this.#sink.broadcast(message),
        }),
      );
    }
  }

  /** Starts the job at once if its group has a free slot and nobody waits, queues it otherwise. */
  submit(request: SubmitRequest): RuntimeReply<{ job: Job }> {
    if (this.#closed) return refuse("server_stopping", "The server is shutting down; try again shortly.");
    const dependency = this.#dependencies.get(request.dependencyId);
    if (!dependency) return refuse("unknown_api", `No listener has id ${request.dependencyId}.`);
    const group = dependency.config.groupId === null ? null : (this.#groups.get(dependency.config.groupId) ?? null);
    if (group && !group.canStartNow() && this.#maxSize !== null && this.#waiting >= this.#maxSize) {
      const retryAfterMs = this.#retryAfterMs();
      return {
        ok: false,
        error: {
          code: "queue_full",
          message: `The queue is full: ${this.#waiting} jobs are already waiting (the limit is ${this.#maxSize}). Try again later.`,
          ...(retryAfterMs === null ? {} : { retryAfterMs }),
        },
      };
    }
    const job = new Job({
      id: this.#newId(),
      owner: request.owner,
      session: request.session,
      dependency: dependency.config,
      entry: dependency.entry,
      group,
      data: request.data,
      request: request.request ?? NO_REQUEST,
      eventData: request.eventData,
    });
    this.#jobs.set(job.id, job);
    if (job.owner !== null) {
      let owned = this.#byOwner.get(job.owner);
      if (!owned) this.#byOwner.set(job.owner, (owned = new Set()));
      owned.add(job);
    }
    this.#countPending(job, 1);
    this.#timers?.joined(job.session.id, job.dependency.id);

    const collecting = this.#collecting.get(dependency.config.id);
    if (collecting) {
      this.#addToBatch(collecting, job);
    } else if (!group || group.canStartNow()) {
      this.#start(job);
    } else {
      const place = group.enqueue(job);
      this.#waiting++;
      if (job.owner !== null) this.#sink.enteredQueue(job);
      this.#send(job, { type: "queued", jobId: job.id, groupId: group.id, ...place, estimate: group.estimate() });
    }
    return { ok: true, job };
  }

  /**
   * Cancels a job of `sessionId`: a waiting one leaves the queue and never runs; a running one is told
   * `cancelled` at once and its signal aborted, and keeps its slot until its handler returns.
   */
  cancel(jobId: string, sessionId: string): RuntimeReply<object> {
    const job = this.#jobs.get(jobId);
    if (!job || job.session.id !== sessionId || job.settled) {
      return refuse("validation", "No such job in this session; it may have finished already.");
    }
    this.#end(job, { code: "cancelled", message: "The job was cancelled." });
    return { ok: true };
  }

  /** Drops the owner's waiting jobs (they never run); its running jobs finish and free their slots. */
  dropWaiting(owner: string, code: ErrorCode = "disconnected"): void {
    const owned = this.#byOwner.get(owner);
    if (!owned) return;
    for (const job of [...owned]) {
      if (job.phase === "waiting") this.#end(job, { code, message: "The job was dropped because its connection closed." });
    }
  }

  /**
   * A connection closed: its waiting jobs are dropped; its running jobs go on, their messages kept (compactly)
   * until the session reconnects (`reattach`) or ends (`endSession`).
   */
  detach(owner: string): void {
    this.dropWaiting(owner);
    const owned = this.#byOwner.get(owner);
    if (!owned) return;
    this.#byOwner.delete(owner);
    for (const job of owned) {
      job.owner = null;
      job.held = new HeldMessages();
      let detached = this.#detached.get(job.session.id);
      if (!detached) this.#detached.set(job.session.id, (detached = new Set()));
      detached.add(job);
    }
  }

  /** The session reconnected on `owner`: its detached jobs report there, starting with what they said meanwhile. */
  reattach(sessionId: string, owner: string): void {
    const detached = this.#detached.get(sessionId);
    if (!detached) return;
    this.#detached.delete(sessionId);
    for (const job of detached) {
      const held = job.held?.take() ?? [];
      job.held = null;
      job.owner = owner;
      if (job.phase !== "done") {
        let owned = this.#byOwner.get(owner);
        if (!owned) this.#byOwner.set(owner, (owned = new Set()));
        owned.add(job);
      }
      for (const message of held) this.#sink.send(job, message);
    }
  }

  /**
   * The session is gone for good (its TTL passed with no connection): its detached jobs are cancelled and
   * forgotten, then its `onUnload` listeners run, with its State.
   */
  endSession(session: Session): void {
    for (const job of this.#detached.get(session.id) ?? []) {
      job.held = null;
      if (!job.settled) this.#end(job, { code: "disconnected", message: "The session ended." });
    }
    this.#detached.delete(session.id);
    this.#timers?.drop(session.id);
    for (const dependencyId of this.#unload) {
      const reply = this.submit({ owner: null, session, dependencyId, data: [] });
      if (!reply.ok) this.#logger.warn(`onUnload listener could not run for a session: ${reply.error.message}`);
    }
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
    for (const group of this.#groups.values()) group.close();
  }

  /** Ends every running job with `server_stopping` (aborting its signal): a shutdown's grace period is over. */
  stopRunning(): void {
    for (const job of [...this.#jobs.values()]) {
      if (job.phase === "running" && !job.settled) this.#end(job, { code: "server_stopping", message: "The server stopped before the job finished." });
    }
  }

  stats(): RuntimeStats {
    return {
      waiting: this.#waiting,
      jobs: this.#jobs.size,
      running: this.#running,
      groups: [...this.#groups.values()].map((g) => ({ id: g.id, limit: g.limit, waiting: g.waiting.size, running: g.running.size })),
    };
  }

  /** Settles a job with an error: a waiting job is removed at once; a running one is aborted. */
  #end(job: Job, error: ErrorPayload): void {
    if (job.phase === "waiting" && !job.batch) {
      job.group?.removeWaiting(job);
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

  #start(job: Job): void {
    const batchOptions = job.dependency.batch;
    if (!batchOptions) {
      this.#begin([job]);
      void this.#run([job], null);
      return;
    }
    const batch = new Batch(job.dependency);
    this.#takeSlot(job);
    batch.add(job);
    // Pull the listener's other waiting jobs forward, skipping other listeners of the group, as Gradio does.
    const group = job.group;
    if (group) {
      for (const waiting of [...group.waiting]) {
        if (batch.full) break;
        if (waiting.dependency.id !== job.dependency.id) continue;
        group.removeWaiting(waiting);
        this.#waiting--;
        if (waiting.owner !== null) this.#sink.leftQueue(waiting);
        batch.add(waiting);
      }
    }
    if (batch.full || batchOptions.waitMs <= 0) {
      this.#runBatch(batch);
      return;
    }
    this.#collecting.set(job.dependency.id, batch);
    batch.collecting = this.#clock.setTimeout(() => this.#runBatch(batch), batchOptions.waitMs);
  }

  #addToBatch(batch: Batch, job: Job): void {
    batch.add(job);
    if (batch.full) this.#runBatch(batch);
  }

  #runBatch(batch: Batch): void {
    if (batch.collecting !== null) this.#clock.clearTimeout(batch.collecting);
    batch.collecting = null;
    if (this.#collecting.get(batch.dependency.id) === batch) this.#collecting.delete(batch.dependency.id);
    const jobs = batch.jobs.filter((job) => !job.settled);
    this.#begin(jobs, batch.jobs[0]);
    void this.#run(batch.jobs, batch);
  }

  /** The slot-holding job takes its group's slot. */
  #takeSlot(job: Job): void {
    job.startedAt = this.#clock.now();
    if (job.group) job.group.running.add(job);
  }

  /** Marks jobs running and tells their clients; `slotHolder` has already taken the slot (a batch's first job). */
  #begin(jobs: readonly Job[], slotHolder?: Job): void {
    const now = this.#clock.now();
    if (!slotHolder && jobs[0]) this.#takeSlot(jobs[0]);
    for (const job of jobs) {
      job.phase = "running";
      job.startedAt = now;
      this.#running++;
      if (job.group) this.#hooks.jobStarted?.(job);
      this.#send(job, { type: "started", jobId: job.id, etaMs: roundOrNull(this.#listenerEta.get(job.dependency.id)) });
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
      await (first.group ? this.#hooks.beforeHandler?.(first) : undefined);
      if (live().length === 0 || (batch !== null && batch.abort.signal.aborted)) return;
      if (dependency.timeoutMs !== null) {
        const limit = dependency.timeoutMs;
        timeout = this.#clock.setTimeout(() => {
          const message = `${dependency.apiName} ran longer than its ${limit} ms timeout and was stopped.`;
          for (const job of live()) this.#end(job, { code: "timeout", message });
        }, limit);
      }
      const handlerStart = this.#clock.now();
      const args = batch
        ? [...batchArguments(entry, live()), batchContext(live(), signal(), this.#reports)]
        : [...mapInputs(entry, first.data, first.session), jobContext(first, this.#reports)];
      const running = batch ? live() : jobs;
      const result = await runHandler(entry.fn, args, {
        signal,
        onPartial: (value) => {
          if (batch) throw new TypeError(`${dependency.apiName} is a batch handler; batch handlers can't stream`);
          if (!first.settled) this.#output(first, "partial", value);
        },
      });
      if (live().length === 0) return;
      const ranMs = this.#clock.now() - handlerStart;
      this.#listenerEta.record(dependency.id, ranMs);
      if (first.group) this.#groupEta.record(first.group.id, ranMs);
      const results = batch ? splitBatchResult(entry, result, running.length) : [result];
      running.forEach((job, i) => {
        if (!job.settled) this.#output(job, "complete", results[i]);
      });
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

  /** Sends a partial or final result; an output that doesn't fit its listener fails the job. */
  #output(job: Job, type: "partial" | "complete", value: unknown): void {
    const data = mapOutputs(job.entry, value, job.session);
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

  /** A job message, to its connection or, while that is gone, to its held messages. */
  #send(job: Job, message: JobMessage): void {
    if (job.owner !== null) this.#sink.send(job, message);
    else job.held?.add(message);
  }

  #settle(job: Job, message: JobMessage): void {
    if (job.settled) return;
    job.settled = true;
    job.progressThrottle?.cancel();
    job.progress = null;
    this.#send(job, message);
  }

  /** Frees the slot held by `jobs[0]` and hands it to the head of the queue, in the same turn. */
  #release(jobs: readonly Job[]): void {
    for (const job of jobs) {
      if (job.phase === "running") {
        this.#running--;
        if (job.group) this.#hooks.jobEnded?.(job);
      }
      this.#forget(job);
    }
    const group = jobs[0]?.group;
    if (!group) return;
    group.running.delete(jobs[0]!);
    for (let next = group.takeNext(); next; next = group.takeNext()) {
      this.#waiting--;
      if (next.owner !== null) this.#sink.leftQueue(next);
      this.#start(next);
    }
  }

  #forget(job: Job): void {
    if (job.phase === "done") return;
    job.phase = "done";
    this.#jobs.delete(job.id);
    this.#countPending(job, -1);
    if (job.owner === null) return;
    const owned = this.#byOwner.get(job.owner);
    owned?.delete(job);
    if (owned?.size === 0) this.#byOwner.delete(job.owner);
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

  /** When a waiting slot should free up: the soonest expected start among groups with waiting jobs. */
  #retryAfterMs(): number | null {
    let best: number | null = null;
    for (const group of this.#groups.values()) {
      if (group.waiting.size === 0) continue;
      const ms = group.timeToFreeSlot();
      if (ms !== null && (best === null || ms < best)) best = ms;
    }
    return best === null ? null : Math.max(1, Math.round(best));
  }
}

function refuse(code: ErrorCode, message: string): { ok: false; error: ErrorPayload } {
  return { ok: false, error: { code, message } };
}

function roundOrNull(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}
