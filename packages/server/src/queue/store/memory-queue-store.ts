import type { ErrorPayload, QueueEstimate } from "@blockwork/core";
import type { Clock } from "../clock.ts";
import { EtaEstimator } from "../eta-estimator.ts";
import { LeftRanges } from "../left-ranges.ts";
import { WaitingList, type ListNode } from "../waiting-list.ts";
import { admissionRefusal, queueFullRefusal } from "./admission.ts";
import { lineEstimate } from "./line-estimate.ts";
import type { GroupStats, GroupUpdate, QueuePlace, QueueStore, QueueStoreSetup, SlotClaim, StoreJob, StoreReconfiguration, SubmitOutcome } from "./queue-store.ts";

/** A waiting job; in its group's runnable list unless its session is parked. */
interface Entry extends ListNode<Entry> {
  /** Replaced only when the app reloads and its listener's id changes (`reconfigure`). */
  job: StoreJob;
  readonly group: Group;
  readonly ticket: number;
  parked: boolean;
}

interface Group {
  readonly id: string;
  /** Changes only when the app reloads (`reconfigure`). */
  limit: number | null;
  /** Waiting jobs that may start, in ticket order. Parked ones are out of it but still counted in `waiting`. */
  readonly runnable: WaitingList<Entry>;
  waiting: number;
  /** Slot start times by index (`-1` for the slots of an unlimited group), oldest first. */
  readonly running: Map<number, number>;
  /** Free slot indexes; taken from the end. */
  readonly free: number[];
  unlimitedRunning: number;
  readonly left: LeftRanges;
  nextTicket: number;
}

/**
 * The queue store of one process: everything in memory and answered synchronously, so that the single-process
 * queue pays no promise or round trip per operation.
 */
export class MemoryQueueStore implements QueueStore {
  #setup: QueueStoreSetup;
  readonly #clock: Clock;
  readonly #groups = new Map<string, Group>();
  readonly #entries = new Map<string, Entry>();
  readonly #bySession = new Map<string, Set<Entry>>();
  readonly #byIp = new Map<string, number>();
  readonly #listenerEta = new EtaEstimator<number>();
  readonly #groupEta = new EtaEstimator<string>();
  #waiting = 0;

  constructor(setup: QueueStoreSetup, clock: Clock) {
    this.#setup = setup;
    this.#clock = clock;
    for (const { id, limit } of setup.groups) this.#groups.set(id, newGroup(id, limit));
  }

  reconfigure(change: StoreReconfiguration): SlotClaim[] {
    this.#setup = { ...this.#setup, groups: change.groups, batchSizes: change.batchSizes };
    for (const entry of this.#entries.values()) {
      const dependencyId = change.dependencyIds.get(entry.job.dependencyId);
      if (dependencyId !== undefined) entry.job = { ...entry.job, dependencyId };
    }
    const claims: SlotClaim[] = [];
    for (const { id, limit } of change.groups) {
      const group = this.#groups.get(id);
      if (!group) {
        this.#groups.set(id, newGroup(id, limit));
        continue;
      }
      if (group.limit === limit) continue;
      // Slots above a lowered limit are not given back when their jobs end; a raised one frees new slots now.
      group.limit = limit;
      group.free.length = 0;
      if (limit !== null) for (let i = limit - 1; i >= 0; i--) if (!group.running.has(i)) group.free.push(i);
      claims.push(...this.#dispatch(group));
      this.#setup.onChange(id);
    }
    return claims;
  }

  submit(job: StoreJob): SubmitOutcome {
    const group = this.#group(job.groupId);
    const caps = this.#setup.caps;
    const refused = admissionRefusal(caps, this.#bySession.get(job.sessionId)?.size ?? 0, this.#byIp.get(job.ip) ?? 0);
    if (refused) return { kind: "refused", error: refused };
    if (group.runnable.size === 0 && hasFreeSlot(group)) {
      return { kind: "started", claim: this.#claim(group, [job.id], job.dependencyId) };
    }
    if (caps.maxSize !== null && this.#waiting >= caps.maxSize) return { kind: "refused", error: this.#queueFull(caps.maxSize) };
    const entry: Entry = { job, group, ticket: group.nextTicket++, parked: false, prev: null, next: null };
    const rank = group.waiting + group.left.count;
    this.#add(entry);
    group.runnable.push(entry);
    this.#setup.onChange(group.id);
    return { kind: "queued", ticket: entry.ticket, rank, size: group.waiting + group.left.count, estimate: this.#estimate(group) };
  }

  release({ groupId, index }: SlotClaim): SlotClaim[] {
    const group = this.#group(groupId);
    if (index === null) group.unlimitedRunning--;
    else if (group.running.delete(index) && group.limit !== null && index < group.limit) group.free.push(index);
    return this.#dispatch(group);
  }

  leave(jobId: string): boolean {
    const entry = this.#entries.get(jobId);
    if (!entry) return false;
    if (!entry.parked) entry.group.runnable.remove(entry);
    this.#depart(entry);
    return true;
  }

  park(sessionId: string): void {
    for (const entry of this.#bySession.get(sessionId) ?? []) {
      if (entry.parked) continue;
      entry.parked = true;
      entry.group.runnable.remove(entry);
    }
  }

  resume(sessionId: string): SlotClaim[] {
    const touched = new Set<Group>();
    for (const entry of this.#bySession.get(sessionId) ?? []) {
      if (!entry.parked) continue;
      entry.parked = false;
      insertByTicket(entry.group.runnable, entry);
      touched.add(entry.group);
    }
    return [...touched].flatMap((group) => this.#dispatch(group));
  }

  place(jobId: string): QueuePlace | null {
    const entry = this.#entries.get(jobId);
    if (!entry) return null;
    const { group, ticket } = entry;
    let ahead = 0;
    for (const other of this.#entries.values()) if (other.group === group && other.ticket < ticket) ahead++;
    const pending = group.left.count;
    return { ticket, rank: ahead + group.left.countBelow(ticket), size: group.waiting + pending, estimate: this.#estimate(group) };
  }

  takeUpdate(groupId: string): GroupUpdate {
    const group = this.#group(groupId);
    return { left: group.left.take(), size: group.waiting, estimate: this.#estimate(group) };
  }

  recordRun(dependencyId: number, groupId: string | null, ms: number): void {
    this.#listenerEta.record(dependencyId, ms);
    if (groupId !== null) this.#groupEta.record(groupId, ms);
  }

  listenerEstimate(dependencyId: number): number | null {
    return this.#listenerEta.get(dependencyId);
  }

  stats(): GroupStats[] {
    return [...this.#groups.values()].map((g) => ({ id: g.id, limit: g.limit, waiting: g.waiting, running: g.running.size + g.unlimitedRunning }));
  }

  close(): void {}

  /** Starts runnable jobs while the group has free slots. */
  #dispatch(group: Group): SlotClaim[] {
    const claims: SlotClaim[] = [];
    while (hasFreeSlot(group)) {
      const head = group.runnable.shift();
      if (!head) break;
      this.#depart(head);
      claims.push(this.#claim(group, [head.job.id], head.job.dependencyId));
    }
    return claims;
  }

  /** Takes a free slot for `jobIds`, pulling a batch listener's further runnable jobs forward, as Gradio does. */
  #claim(group: Group, jobIds: string[], dependencyId: number): SlotClaim {
    const batchSize = this.#setup.batchSizes.get(dependencyId);
    if (batchSize !== undefined) {
      for (const entry of [...group.runnable]) {
        if (jobIds.length >= batchSize) break;
        if (entry.job.dependencyId !== dependencyId) continue;
        group.runnable.remove(entry);
        this.#depart(entry);
        jobIds.push(entry.job.id);
      }
    }
    const now = this.#clock.now();
    if (group.limit === null) {
      group.unlimitedRunning++;
      return { groupId: group.id, index: null, jobIds };
    }
    const index = group.free.pop()!;
    group.running.set(index, now);
    return { groupId: group.id, index, jobIds };
  }

  #add(entry: Entry): void {
    this.#entries.set(entry.job.id, entry);
    entry.group.waiting++;
    this.#waiting++;
    let session = this.#bySession.get(entry.job.sessionId);
    if (!session) this.#bySession.set(entry.job.sessionId, (session = new Set()));
    session.add(entry);
    this.#byIp.set(entry.job.ip, (this.#byIp.get(entry.job.ip) ?? 0) + 1);
  }

  /** Takes a waiting entry out of the counts and records its ticket as a departure. */
  #depart(entry: Entry): void {
    const { job, group } = entry;
    this.#entries.delete(job.id);
    group.waiting--;
    this.#waiting--;
    const session = this.#bySession.get(job.sessionId);
    session?.delete(entry);
    if (session?.size === 0) this.#bySession.delete(job.sessionId);
    const ip = (this.#byIp.get(job.ip) ?? 1) - 1;
    if (ip > 0) this.#byIp.set(job.ip, ip);
    else this.#byIp.delete(job.ip);
    group.left.add(entry.ticket);
    this.#setup.onChange(group.id);
  }

  #group(groupId: string): Group {
    const group = this.#groups.get(groupId);
    if (!group) throw new Error(`unknown concurrency group ${groupId}`);
    return group;
  }

  #estimate(group: Group): QueueEstimate | null {
    return lineEstimate(group.limit, this.#groupEta.get(group.id), this.#timeToFreeSlot(group));
  }

  /** When the group's next slot should free up, in ms from now; `null` while run times are unknown. */
  #timeToFreeSlot(group: Group): number | null {
    const average = this.#groupEta.get(group.id);
    if (average === null) return null;
    if (hasFreeSlot(group)) return 0;
    // Slots are kept in the order they were taken, so the first is the one expected to free first.
    const oldest = group.running.values().next().value ?? this.#clock.now();
    return Math.max(0, oldest + average - this.#clock.now());
  }

  #queueFull(maxSize: number): ErrorPayload {
    let best: number | null = null;
    for (const group of this.#groups.values()) {
      if (group.waiting === 0) continue;
      const ms = this.#timeToFreeSlot(group);
      if (ms !== null && (best === null || ms < best)) best = ms;
    }
    return queueFullRefusal(this.#waiting, maxSize, best);
  }
}

function newGroup(id: string, limit: number | null): Group {
  const free = limit === null ? [] : Array.from({ length: limit }, (_, i) => limit - 1 - i);
  return { id, limit, runnable: new WaitingList(), waiting: 0, running: new Map(), free, unlimitedRunning: 0, left: new LeftRanges(), nextTicket: 0 };
}

function hasFreeSlot(group: Group): boolean {
  return group.limit === null || group.free.length > 0;
}

/** Puts a resumed entry back in ticket order (rare: only after a reconnect). */
function insertByTicket(list: WaitingList<Entry>, entry: Entry): void {
  const after: Entry[] = [];
  for (const other of list) if (other.ticket > entry.ticket) after.push(other);
  for (const other of after) list.remove(other);
  list.push(entry);
  for (const other of after) list.push(other);
}
