import { randomUUID } from "node:crypto";
import type { JobMessage } from "@blockwork/core";
import { Redis } from "ioredis";
import type { ClusterRelay, ReapedProcesses, RelayEvent, SessionArrival, SessionJob } from "../../cluster-relay.ts";
import { admissionRefusal, queueFullRefusal } from "../admission.ts";
import type { GroupStats, GroupUpdate, HandOver, QueuePlace, QueueStore, QueueStoreSetup, SlotClaim, StoreJob, SubmitOutcome } from "../queue-store.ts";
import { StoreUnavailableError } from "../queue-store.ts";
import { DepartureCursor } from "./departure-cursor.ts";
import { startLeaseRenewal, type LeaseRenewal } from "./lease-renewer.ts";
import { appKeys, type AppKeys } from "./redis-keys.ts";
import { parseClaims, parseGroupState, type ClaimReply } from "./script-replies.ts";
import { ScriptRunner, type ScriptName, type ScriptReply } from "./script-runner.ts";
import { toStoreError } from "./store-unavailable.ts";

export interface RedisQueueStoreOptions {
  /** The Redis that the app's processes share, e.g. `redis://127.0.0.1:6379`. */
  readonly url: string;
  /** Starts every key, so that several deployments share one Redis. @default "blockwork:" */
  readonly keyPrefix?: string;
  /** The app's name in the keys' hash tag: every process of one app must use the same. @default "app" */
  readonly app?: string;
  /** How long this process's slots outlive its last lease renewal; renewed every third of it. @default 10_000 */
  readonly leaseMs?: number;
  /** This process's id in leases and slot holders. @default a random UUID */
  readonly processId?: string;
  /**
   * How long messages for a session connected nowhere are kept for its return (the session TTL).
   * @default 60_000
   */
  readonly heldMessagesMs?: number;
  /**
   * Whether this process runs handlers. A process that doesn't (`role: "web"`) never holds a slot: the claims it
   * makes wait on a ready list for a process that does.
   * @default true
   */
  readonly runsHandlers?: boolean;
  /** Connection trouble after the start, for the log; calls fail with `StoreUnavailableError` meanwhile. */
  readonly onError?: (error: Error) => void;
  /**
   * Redis lost the app's state (it restarted empty): the jobs listed are no longer in the queue or in a slot, and
   * should be ended with an `unavailable` error. A new epoch has started; later calls work as usual.
   */
  readonly onReset?: (reset: StoreReset) => void;
}

/** What this process had in Redis when it was lost. */
export interface StoreReset {
  /** Jobs submitted here that were (as far as this process saw) still waiting. */
  readonly waitingJobIds: readonly string[];
  /**
   * Jobs running in limited slots held here: their slots are gone, so another process may start the group's
   * limit of jobs besides them. Jobs of unlimited groups hold no shared slot and may run on; they are not listed.
   */
  readonly runningJobIds: readonly string[];
}

/** What `reapExpired` recovered from processes whose lease ran out. */
export interface ReapResult extends ReapedProcesses {
  /** Jobs that were running in the dead processes' limited slots: their clients should get an error. */
  readonly lostJobIds: readonly string[];
  /** Runs of unlimited groups that the dead processes held (counted only: no shared slot names their jobs). */
  readonly lostUnlimitedRuns: number;
  /** Freed slots handed on to this process: its to run now. */
  readonly claims: readonly SlotClaim[];
}

/** Where a job submitted here waits, so that a reset can name it. */
interface WaitingHere {
  readonly groupId: string;
  readonly ticket: number;
}

/**
 * The queue store shared by every process of an app through Redis. Each instance is one process: it has its own
 * departure cursor per group (its clients' ranks are relative to it), its own lease, and hears every group change
 * through pub/sub. Every state change is one Lua script, so caps and limits hold across processes.
 */
export class RedisQueueStore implements QueueStore, ClusterRelay {
  readonly #setup: QueueStoreSetup;
  readonly #keys: AppKeys;
  readonly #url: string;
  readonly #processId: string;
  readonly #leaseMs: number;
  readonly #onReset: ((reset: StoreReset) => void) | undefined;
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #scripts: ScriptRunner;
  /** Group limits as scripts take them: -1 for an unlimited group. */
  readonly #limits = new Map<string, number>();
  readonly #groupArgs: (string | number)[] = [];
  readonly #cursors = new Map<string, DepartureCursor>();
  readonly #listenerAverages = new Map<number, number>();
  /** Jobs submitted here and not yet seen departing, by id and by group and ticket. */
  readonly #waitingHere = new Map<string, WaitingHere>();
  readonly #waitingHereByTicket = new Map<string, Map<number, string>>();
  readonly #heldSlots = new Map<string, readonly string[]>();
  /**
   * Head job ids of the latest claims taken here, oldest first: a claim handed to this process may arrive twice (its
   * message, then a reap that lists it), and must start once.
   */
  readonly #claimed = new Set<string>();
  /** Jobs whose submit is on its way: a claim for one of them that arrives first waits for the submit's answer. */
  readonly #admitting = new Map<string, ClaimReply | null>();
  readonly #pending = new Set<Promise<unknown>>();
  /**
   * Run times not written yet, as (listener, group or "", ms) triples: they go with the release that follows them in
   * the same turn (one script per handoff), or alone once the turn is over.
   */
  #runs: (string | number)[] = [];
  readonly #heldMessagesMs: number;
  readonly #runsHandlers: boolean;
  /** For BLPOP on the ready list: a blocked connection can do nothing else. */
  #blocking: Redis | undefined;
  readonly #onError: (error: Error) => void;
  #relayListener: (event: RelayEvent) => void = () => {};
  #epoch = "";
  #renewingEpoch: Promise<void> | undefined;
  #lease: LeaseRenewal | undefined;
  #started: Promise<void> | undefined;
  #closed = false;

  /** Connects, subscribes to group changes, adopts or starts the app's epoch and takes a lease. */
  static async open(setup: QueueStoreSetup, options: RedisQueueStoreOptions): Promise<RedisQueueStore> {
    const store = new RedisQueueStore(setup, options);
    try {
      await store.#start();
    } catch (error) {
      await store.close();
      throw toStoreError(error);
    }
    return store;
  }

  /**
   * The store at once, connecting in the background and trying again until Redis answers: meanwhile calls fail
   * with `StoreUnavailableError`, so a process starts (and refuses joins clearly) while Redis is away.
   */
  static create(setup: QueueStoreSetup, options: RedisQueueStoreOptions): RedisQueueStore {
    const store = new RedisQueueStore(setup, options);
    store.#started = store.#startUntilReady();
    return store;
  }

  /** Resolves once the store is connected, subscribed and leased (after `create`). */
  ready(): Promise<void> {
    return this.#started ?? Promise.resolve();
  }

  private constructor(setup: QueueStoreSetup, options: RedisQueueStoreOptions) {
    this.#setup = setup;
    this.#keys = appKeys(options.keyPrefix ?? "blockwork:", options.app ?? "app");
    this.#url = options.url;
    this.#processId = options.processId ?? randomUUID();
    this.#leaseMs = options.leaseMs ?? 10_000;
    this.#onReset = options.onReset;
    this.#heldMessagesMs = options.heldMessagesMs ?? 60_000;
    this.#runsHandlers = options.runsHandlers ?? true;
    this.#onError = options.onError ?? (() => {});
    // No offline queue: while Redis is away a call fails at once (and joins are refused) instead of piling up.
    // No resend after a reconnect: a script whose reply was lost may have run, and must not run twice.
    const connection = { enableOfflineQueue: false, lazyConnect: true, autoResendUnfulfilledCommands: false } as const;
    this.#redis = new Redis(options.url, connection);
    this.#subscriber = new Redis(options.url, { lazyConnect: true });
    // Errors reach callers as rejections; ioredis reconnects by itself.
    this.#redis.on("error", () => {});
    this.#subscriber.on("error", () => {});
    this.#scripts = new ScriptRunner(this.#redis);
    for (const { id, limit } of setup.groups) {
      this.#limits.set(id, limit ?? -1);
      this.#groupArgs.push(id, limit ?? -1);
      this.#cursors.set(id, new DepartureCursor());
      this.#waitingHereByTicket.set(id, new Map());
    }
  }

  async #startUntilReady(): Promise<void> {
    for (let attempt = 0; !this.#closed; attempt++) {
      try {
        await this.#start();
        return;
      } catch (error) {
        if (attempt === 0) this.#onError(toStoreError(error));
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)).unref());
      }
    }
  }

  async #start(): Promise<void> {
    await Promise.all([connectOnce(this.#redis), connectOnce(this.#subscriber)]);
    if (this.#subscriber.listenerCount("message") === 0) {
      const own = this.#procChannel(this.#processId);
      this.#subscriber.on("message", (channel: string, text: string) => {
        if (channel === this.#keys.changes) {
          if (this.#limits.has(text)) this.#setup.onChange(text);
        } else if (channel === own) {
          const event = parseRelayEvent(text);
          if (event?.kind === "handed") this.#handed(event.reply);
          else if (event) this.#relayListener(event);
        }
      });
    }
    await this.#subscriber.subscribe(this.#keys.changes, this.#procChannel(this.#processId));
    await this.#adoptEpoch();
    if (this.#runsHandlers) await this.#redis.srem(`${this.#keys.base}webs`, this.#processId);
    else await this.#redis.sadd(`${this.#keys.base}webs`, this.#processId);
    this.#lease ??= await startLeaseRenewal({
      url: this.#url,
      keyBase: this.#keys.base,
      processId: this.#processId,
      leaseMs: this.#leaseMs,
      onError: (error) => this.#onError(error),
    });
  }

  /** The command connection (offline queue off), for the cluster's other keys (sessions, logins). */
  get client(): Redis {
    return this.#redis;
  }

  /** The app's key base, `<prefix>{<app>}:`. */
  get keyBase(): string {
    return this.#keys.base;
  }

  /** This process's id, as its slots, lease and message channel record it. */
  get processId(): string {
    return this.#processId;
  }

  async submit(job: StoreJob): Promise<SubmitOutcome> {
    const limit = this.#limit(job.groupId);
    const caps = this.#setup.caps;
    const batch = this.#setup.batchSizes.get(job.dependencyId) ?? 0;
    const cursor = this.#cursor(job.groupId);
    const readFrom = cursor.position;
    this.#admitting.set(job.id, null);
    let reply: ScriptReply;
    try {
      reply = await this.#exec("submit", [job.id, job.groupId, job.dependencyId, job.sessionId, job.ip, limit, batch, capArg(caps.maxSize), capArg(caps.maxJobsPerSession), capArg(caps.maxJobsPerIp), job.payload ?? ""], true);
    } finally {
      const early = this.#admitting.get(job.id);
      this.#admitting.delete(job.id);
      // After the runtime has taken this submit's answer (a later turn): the job is known there by then.
      if (early) setImmediate(() => this.#handed(early));
    }
    switch (reply[0]) {
      case "refused":
        return { kind: "refused", error: admissionRefusal(caps, reply[1] as number, reply[2] as number)! };
      case "full":
        return { kind: "refused", error: queueFullRefusal(reply[1] as number, caps.maxSize!, await this.#soonestFreeSlot()) };
      case "started":
        return { kind: "started", claim: this.#took(parseClaims([reply[1] as ScriptReply]))[0]! };
      case "dispatched":
        return { kind: "dispatched" };
      default: {
        const ticket = reply[1] as number;
        const state = parseGroupState(reply[2] as ScriptReply, nullable(limit));
        // Every departure logged before this job joined was ahead of it.
        const rank = cursor.rank(state.waiting - 1, ticket, state.logLength, readFrom, state.logLength - readFrom);
        this.#waitingHere.set(job.id, { groupId: job.groupId, ticket });
        this.#waitingHereByTicket.get(job.groupId)!.set(ticket, job.id);
        return { kind: "queued", ticket, rank, size: rank + 1, estimate: state.estimate };
      }
    }
  }

  async release(claim: SlotClaim): Promise<SlotClaim[]> {
    this.#heldSlots.delete(slotKey(claim.groupId, claim.index));
    const reply = await this.#freeSlot(claim, "");
    return reply ? this.#took(parseClaims(reply[1] as ScriptReply)) : [];
  }

  async reserve({ groupId, index }: SlotClaim): Promise<SlotClaim | null> {
    if (index === null) return null;
    const reply = await this.#exec("reserve", [groupId, index], false);
    if (!reply || reply.length < 2) return null;
    const [{ claim, dependencyId, listenerAverageMs }] = parseClaims([reply[1] as ScriptReply]) as [ClaimReply];
    if (listenerAverageMs !== null) this.#listenerAverages.set(dependencyId, listenerAverageMs);
    return claim;
  }

  async handOver(claim: SlotClaim, reserved: SlotClaim): Promise<HandOver> {
    const key = slotKey(claim.groupId, claim.index);
    // Before the answer: should Redis lose the app's state meanwhile, the reset names the job that runs in the slot.
    this.#heldSlots.set(key, reserved.jobIds);
    const reply = await this.#freeSlot(claim, reserved.jobIds[0]!);
    if (!reply) return { kept: false, claims: [] };
    if (reply[3] === 1) {
      for (const id of reserved.jobIds) this.#forgetWaiting(id);
      return { kept: true };
    }
    if (this.#heldSlots.get(key) === reserved.jobIds) this.#heldSlots.delete(key);
    return { kept: false, claims: this.#took(parseClaims(reply[1] as ScriptReply)) };
  }

  /**
   * `release.lua` for the slot, with the run times recorded since (one script per handoff); `started`: the job
   * reserved for the slot that started in it, or "". `undefined`: Redis lost the app's state.
   */
  async #freeSlot({ groupId, index, jobIds }: SlotClaim, started: string): Promise<ScriptReply | undefined> {
    const runs = this.#takeRuns();
    const reply = await this.#exec("release", [groupId, index ?? -1, this.#limit(groupId), started, runs.length / 3, ...runs, ...jobIds], false);
    if (reply) this.#recorded(runs, reply[2] as number[]);
    return reply;
  }

  async unreserve(reserved: SlotClaim): Promise<SlotClaim[]> {
    const reply = await this.#exec("unreserve", [reserved.jobIds[0]!, this.#limit(reserved.groupId)], false);
    return reply ? this.#took(parseClaims(reply[1] as ScriptReply)) : [];
  }

  async leave(jobId: string): Promise<boolean> {
    const reply = await this.#exec("leave", [jobId], false);
    const left = reply?.[1] === 1;
    if (left) this.#forgetWaiting(jobId);
    return left;
  }

  async park(sessionId: string): Promise<void> {
    await this.#exec("park", [sessionId], false);
  }

  async resume(sessionId: string): Promise<SlotClaim[]> {
    const reply = await this.#exec("resume", [sessionId, ...this.#groupArgs], false);
    return reply ? this.#took(parseClaims(reply[1] as ScriptReply)) : [];
  }

  async place(jobId: string): Promise<QueuePlace | null> {
    const cursors = this.#setup.groups.map(({ id }) => this.#cursor(id).position);
    const args = this.#setup.groups.flatMap(({ id }, i) => [id, this.#limit(id), cursors[i]!]);
    const reply = await this.#exec("place", [jobId, ...args], true);
    if (reply.length === 1) return null;
    const [, groupId, ticket, ahead, below, stateReply] = reply as [string, string, number, number, number, ScriptReply];
    const groupIndex = this.#setup.groups.findIndex(({ id }) => id === groupId);
    const state = parseGroupState(stateReply, this.#setup.groups[groupIndex]!.limit);
    const rank = this.#cursor(groupId).rank(ahead, ticket, state.logLength, cursors[groupIndex]!, below);
    return { ticket, rank, size: state.waiting + (rank - ahead), estimate: state.estimate };
  }

  async takeUpdate(groupId: string): Promise<GroupUpdate> {
    const limit = this.#limit(groupId);
    const cursor = this.#cursor(groupId);
    // The cursor is read when the script is sent: calls on one connection run in order, so none moves it between.
    const reply = await this.#exec("take", [groupId, limit, () => cursor.position], true);
    const tickets = (reply[2] as string[]).map(Number);
    const here = this.#waitingHereByTicket.get(groupId)!;
    for (const ticket of tickets) {
      const id = here.get(ticket);
      if (id !== undefined) this.#forgetWaiting(id);
    }
    const left = cursor.take(reply[1] as number, tickets);
    const state = parseGroupState(reply[3] as ScriptReply, nullable(limit));
    return { left, size: state.waiting, estimate: state.estimate };
  }

  recordRun(dependencyId: number, groupId: string | null, ms: number): void {
    // A handler's run is recorded just before its slot is released: the sample waits for that release (a microtask
    // at most), so that a handoff is one script, not two on the way to the next job.
    if (this.#runs.length === 0) queueMicrotask(() => this.#writeRuns());
    this.#runs.push(dependencyId, groupId ?? "", ms);
  }

  listenerEstimate(dependencyId: number): number | null {
    return this.#listenerAverages.get(dependencyId) ?? null;
  }

  async stats(): Promise<GroupStats[]> {
    const reply = await this.#exec("stats", this.#groupArgs, true);
    return (reply[1] as ScriptReply[]).map((item, i) => {
      const { id, limit } = this.#setup.groups[i]!;
      return { id, limit, waiting: parseGroupState(item[1] as ScriptReply, limit).waiting, running: item[0] as number };
    });
  }

  /**
   * Frees the slots of processes whose lease expired and hands them to this process. Not on `QueueStore`: only
   * a shared store has other processes that can die.
   */
  async reapExpired(): Promise<ReapResult> {
    const reply = await this.#exec("reap", this.#groupArgs, false);
    if (!reply) return { lostJobIds: [], lostJobs: [], lostUnlimitedRuns: 0, claims: [], awaySessions: [] };
    const lostJobs = (reply[1] as [string, string][]).map(([id, sessionId]) => ({ id, sessionId }));
    return {
      lostJobIds: lostJobs.map((job) => job.id),
      lostJobs,
      lostUnlimitedRuns: reply[2] as number,
      claims: this.#took([...parseClaims(reply[3] as ScriptReply), ...parseClaims((reply[5] as string[]).map((text) => JSON.parse(text) as ScriptReply))]),
      awaySessions: reply[4] as string[],
    };
  }

  // ---- ClusterRelay: how the processes of an app reach each other ----

  listen(listener: (event: RelayEvent) => void): void {
    this.#relayListener = listener;
  }

  async deliver(sessionId: string, message: JobMessage, notHere = false): Promise<void> {
    await this.#scripts.run("route", [this.#keys.epoch], [this.#keys.base, this.#epoch, this.#processId, this.#leaseMs, sessionId, JSON.stringify(message), notHere ? this.#processId : "", this.#heldMessagesMs]);
  }

  async cancel(jobId: string, sessionId: string): Promise<"left" | "sent" | "unknown"> {
    const reply = await this.#exec("cancel", [jobId, sessionId], false);
    const answer = reply?.[0];
    if (answer === "left") this.#forgetWaiting(jobId);
    return answer === "left" || answer === "sent" ? answer : "unknown";
  }

  async arrive(sessionId: string): Promise<SessionArrival> {
    const reply = await this.#exec("attach", [sessionId], true);
    const held = (reply[1] as string[]).flatMap((text) => {
      try {
        return [JSON.parse(text) as JobMessage];
      } catch {
        return [];
      }
    });
    const jobs: SessionJob[] = [
      ...(reply[2] as [string, string, string][]).map(([id, groupId, dependency]) => ({ id, phase: "waiting" as const, groupId, dependencyId: Number(dependency) })),
      ...(reply[3] as [string, string][]).map(([id, dependency]) => ({ id, phase: "running" as const, dependencyId: Number(dependency) })),
    ];
    return { held, jobs };
  }

  async away(sessionId: string): Promise<void> {
    await this.#exec("detach", [sessionId], false);
  }

  async expire(sessionId: string): Promise<string[]> {
    const reply = await this.#exec("expire", [sessionId], false);
    const gone = (reply?.[1] as string[] | undefined) ?? [];
    for (const id of gone) this.#forgetWaiting(id);
    return gone;
  }

  reap(): Promise<ReapResult> {
    return this.reapExpired();
  }

  async nextDispatched(): Promise<SlotClaim | null> {
    if (!this.#blocking) {
      this.#blocking = new Redis(this.#url, { lazyConnect: false, maxRetriesPerRequest: null });
      this.#blocking.on("error", () => {}); // It reconnects by itself; BLPOP waits meanwhile.
    }
    // Blocks until a web process pushes a claim; one worker gets each, so no herd.
    const popped = await this.#blocking.blpop(`${this.#keys.base}ready`, 0);
    if (!popped || this.#closed) return null;
    const reply = await this.#exec("pickup", [popped[1]], false);
    if (!reply || reply[0] !== "ok") return null;
    return this.#took(parseClaims([reply[1] as ScriptReply]))[0] ?? null;
  }

  /** Resolves when the fire-and-forget writes made so far (`recordRun`) have landed and been applied here. */
  async settle(): Promise<void> {
    this.#writeRuns();
    await Promise.all(this.#pending);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#started?.catch(() => {});
    await this.settle();
    await this.#lease?.stop();
    this.#blocking?.disconnect();
    await Promise.all([this.#redis, this.#subscriber].map((redis) => redis.quit().catch(() => redis.disconnect())));
  }

  /**
   * Runs a script with the common arguments. A reply of `epoch` means Redis lost the app's state: a new epoch is
   * adopted (once for all callers), then the call is retried if `retry` (it means the same in the new epoch),
   * else answered with `undefined` (what it acted on is gone).
   */
  async #exec(name: ScriptName, args: readonly (string | number | (() => number))[], retry: true): Promise<ScriptReply>;
  async #exec(name: ScriptName, args: readonly (string | number | (() => number))[], retry: false): Promise<ScriptReply | undefined>;
  async #exec(name: ScriptName, args: readonly (string | number | (() => number))[], retry: boolean): Promise<ScriptReply | undefined> {
    for (let attempt = 0; ; attempt++) {
      const epoch = this.#epoch;
      const values = args.map((arg) => (typeof arg === "function" ? arg() : arg));
      const reply = await this.#scripts.run(name, [this.#keys.epoch], [this.#keys.base, epoch, this.#processId, this.#leaseMs, ...values]);
      if (reply[0] !== "epoch") return reply;
      await this.#renewEpoch(epoch);
      if (!retry) return undefined;
      if (attempt > 0) throw new StoreUnavailableError("Redis keeps losing the queue's state");
    }
  }

  #renewEpoch(lost: string): Promise<void> {
    if (this.#epoch !== lost) return Promise.resolve();
    this.#renewingEpoch ??= this.#adoptEpoch().finally(() => (this.#renewingEpoch = undefined));
    return this.#renewingEpoch;
  }

  async #adoptEpoch(): Promise<void> {
    const reply = await this.#scripts.run("init", [this.#keys.epoch], [randomUUID()]);
    const hadEpoch = this.#epoch !== "";
    this.#epoch = reply[0] as string;
    if (!hadEpoch) return;
    for (const id of this.#limits.keys()) this.#cursors.set(id, new DepartureCursor());
    const reset = { waitingJobIds: [...this.#waitingHere.keys()], runningJobIds: [...this.#heldSlots.values()].flat() };
    this.#waitingHere.clear();
    for (const here of this.#waitingHereByTicket.values()) here.clear();
    this.#heldSlots.clear();
    this.#onReset?.(reset);
  }

  /** Writes the run times that no release took with it. Fire and forget: a lost sample only makes an estimate older. */
  #writeRuns(): void {
    const runs = this.#takeRuns();
    if (runs.length === 0) return;
    const write = this.#exec("record", runs, false).then((reply) => {
      if (reply) this.#recorded(runs, reply[1] as number[]);
    });
    const tracked = write.catch(() => {}).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  #takeRuns(): (string | number)[] {
    const runs = this.#runs;
    if (runs.length > 0) this.#runs = [];
    return runs;
  }

  /** Caches the listener averages a script returned for the run times it recorded. */
  #recorded(runs: readonly (string | number)[], averagesUs: readonly number[]): void {
    averagesUs.forEach((us, i) => this.#listenerAverages.set(Number(runs[3 * i]), us / 1000));
  }

  /**
   * Records claims now held here (for a reset) and their listeners' averages; returns the claims, without those
   * already taken (a handed claim listed again by a reap).
   */
  #took(replies: readonly ClaimReply[]): SlotClaim[] {
    const claims: SlotClaim[] = [];
    for (const { claim, dependencyId, listenerAverageMs } of replies) {
      const head = claim.jobIds[0]!;
      const key = slotKey(claim.groupId, claim.index);
      if (this.#claimed.has(head) || (claim.index !== null && this.#heldSlots.get(key)?.[0] === head)) continue;
      this.#claimed.add(head);
      if (this.#claimed.size > CLAIMED_KEPT) this.#claimed.delete(this.#claimed.values().next().value!);
      if (listenerAverageMs !== null) this.#listenerAverages.set(dependencyId, listenerAverageMs);
      for (const id of claim.jobIds) this.#forgetWaiting(id);
      if (claim.index !== null) this.#heldSlots.set(key, claim.jobIds);
      claims.push(claim);
    }
    return claims;
  }

  /** A claim another process handed to this one (its head job was submitted here): it runs here now. */
  #handed(reply: ClaimReply): void {
    const admitting = reply.claim.jobIds.find((id) => this.#admitting.has(id));
    if (admitting !== undefined) {
      this.#admitting.set(admitting, reply);
      return;
    }
    for (const claim of this.#took([reply])) this.#relayListener({ kind: "claim", claim });
  }

  /** A job submitted here departed (started, or left through any process): a reset no longer concerns it. */
  #forgetWaiting(jobId: string): void {
    const waiting = this.#waitingHere.get(jobId);
    if (!waiting) return;
    this.#waitingHere.delete(jobId);
    this.#waitingHereByTicket.get(waiting.groupId)?.delete(waiting.ticket);
  }

  /** When some group with waiting jobs should next free a slot, in ms: a full queue's `retryAfterMs`. */
  async #soonestFreeSlot(): Promise<number | null> {
    const reply = await this.#exec("stats", this.#groupArgs, true);
    let best: number | null = null;
    for (const item of reply[1] as ScriptReply[]) {
      const [waiting, , freeMs] = item[1] as [number, number, number];
      if (waiting > 0 && freeMs >= 0 && (best === null || freeMs < best)) best = freeMs;
    }
    return best;
  }

  #limit(groupId: string): number {
    const limit = this.#limits.get(groupId);
    if (limit === undefined) throw new Error(`unknown concurrency group ${groupId}`);
    return limit;
  }

  #cursor(groupId: string): DepartureCursor {
    return this.#cursors.get(groupId)!;
  }

  #procChannel(processId: string): string {
    return `${this.#keys.base}proc:${processId}`;
  }
}

/** Connects unless already connected or connecting (a retry after a partial start). */
async function connectOnce(redis: Redis): Promise<void> {
  if (redis.status === "wait" || redis.status === "end") await redis.connect();
}

/** A message from another process, or `null` if it isn't one this version knows. */
function parseRelayEvent(text: string): Exclude<RelayEvent, { kind: "claim" }> | { kind: "handed"; reply: ClaimReply } | null {
  try {
    const value = JSON.parse(text) as { t?: unknown; s?: unknown; j?: unknown; m?: unknown; c?: unknown };
    if (value.t === "claim" && Array.isArray(value.c)) return { kind: "handed", reply: parseClaims([value.c as ScriptReply])[0]! };
    if (value.t === "unreserved" && typeof value.j === "string") return { kind: "unreserved", jobId: value.j };
    if (typeof value.s !== "string") return null;
    if (value.t === "job" && typeof value.m === "object" && value.m !== null) return { kind: "job", sessionId: value.s, message: value.m as JobMessage };
    if (value.t === "cancel" && typeof value.j === "string") return { kind: "cancel", jobId: value.j, sessionId: value.s };
    if (value.t === "moved") return { kind: "moved", sessionId: value.s };
    return null;
  } catch {
    return null;
  }
}

/** How many claims' head job ids are remembered, to take each once: far more than arrive within a reap period. */
const CLAIMED_KEPT = 4096;

function capArg(cap: number | null): number {
  return cap ?? -1;
}

function nullable(limit: number): number | null {
  return limit < 0 ? null : limit;
}

function slotKey(groupId: string, index: number | null): string {
  return `${groupId}\u0000${index}`;
}
