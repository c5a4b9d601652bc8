import { QueuePosition } from "@blockwork/core";
import { afterEach, describe, expect, it } from "vitest";
import type { AdmissionCaps, GroupUpdate, QueueStore, QueueStoreSetup, SlotClaim, StoreJob, SubmitOutcome } from "./queue-store.ts";

/** A store under test, and how to wait for its fire-and-forget writes (`recordRun`) to be applied. */
export interface ContractStore {
  readonly store: QueueStore;
  settle(): Promise<void>;
}

export type MakeStore = (setup: QueueStoreSetup) => Promise<ContractStore>;

/** The groups every test uses: limits 1 and 2, unlimited, and a group with a batch listener (7, up to 3). */
export const CONTRACT_GROUPS = [
  { id: "one", limit: 1 },
  { id: "two", limit: 2 },
  { id: "free", limit: null },
  { id: "batch", limit: 1 },
] as const;
const BATCH_LISTENER = 7;
const NO_CAPS: AdmissionCaps = { maxSize: null, maxJobsPerSession: null, maxJobsPerIp: null };

export function contractJob(id: string, groupId: string, extra: Partial<StoreJob> = {}): StoreJob {
  return { id, groupId, dependencyId: 1, sessionId: `s-${id}`, ip: `ip-${id}`, ...extra };
}

/** Records `onChange` calls so that a test can await the next one of a group (a shared store hears them later). */
export class ChangeLog {
  readonly #counts = new Map<string, number>();
  readonly #waiters: { groupId: string; count: number; resolve: () => void }[] = [];

  readonly onChange = (groupId: string): void => {
    const count = (this.#counts.get(groupId) ?? 0) + 1;
    this.#counts.set(groupId, count);
    for (const waiter of [...this.#waiters]) {
      if (waiter.groupId === groupId && count >= waiter.count) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  count(groupId: string): number {
    return this.#counts.get(groupId) ?? 0;
  }

  /** Resolves once the group has had `count` changes in all. */
  reach(groupId: string, count: number): Promise<void> {
    if (this.count(groupId) >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ groupId, count, resolve }));
  }
}

/** A slot to release, as a runtime holds it (the job ids matter only for bookkeeping of a shared store). */
export function slot(groupId: string, index: number | null | undefined, jobIds: readonly string[] = []): SlotClaim {
  return { groupId, index: index ?? null, jobIds };
}

export function started(outcome: SubmitOutcome): SlotClaim {
  if (outcome.kind !== "started") throw new Error(`expected started, got ${JSON.stringify(outcome)}`);
  const { groupId, index, jobIds } = outcome.claim;
  return { groupId, index, jobIds };
}

export function queued(outcome: SubmitOutcome): Extract<SubmitOutcome, { kind: "queued" }> {
  if (outcome.kind !== "queued") throw new Error(`expected queued, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/**
 * What each client of one process derives from its `queued` rank and that process's updates (core's
 * `QueuePosition`), checked against the truth: how many jobs with a lower ticket still wait in the group.
 */
export class RankTruth {
  readonly #groupId: string;
  readonly #waiting = new Map<string, number>();
  readonly #positions = new Map<QueueStore, Map<string, QueuePosition>>();

  constructor(groupId: string) {
    this.#groupId = groupId;
  }

  /** A job queued through `store`: its client follows that store's updates. */
  queued(store: QueueStore, jobId: string, outcome: SubmitOutcome): void {
    const { ticket, rank, size, estimate } = queued(outcome);
    this.#waiting.set(jobId, ticket);
    this.#follow(store, jobId, { ticket, rank, size, estimate });
  }

  /** The client re-learns its place (after a reconnect) from `place`. */
  placed(store: QueueStore, jobId: string, place: { ticket: number; rank: number; size: number; estimate: null | { firstMs: number; perRankMs: number } }): void {
    for (const positions of this.#positions.values()) positions.delete(jobId);
    this.#follow(store, jobId, place);
  }

  gone(...jobIds: string[]): void {
    for (const id of jobIds) {
      this.#waiting.delete(id);
      for (const positions of this.#positions.values()) positions.delete(id);
    }
  }

  claimed(claims: readonly SlotClaim[]): void {
    for (const claim of claims) this.gone(...claim.jobIds);
  }

  /** Takes `store`'s update, applies it to its clients' positions and checks every one of them. */
  async update(store: QueueStore): Promise<GroupUpdate> {
    const update = await store.takeUpdate(this.#groupId);
    for (const position of this.#positions.get(store)?.values() ?? []) position.apply({ type: "group", groupId: this.#groupId, ...update });
    for (const [jobId, position] of this.#positions.get(store) ?? []) {
      expect({ jobId, rank: position.snapshot().rank }).toEqual({ jobId, rank: this.truth(jobId) });
    }
    expect(update.size).toBe(this.#waiting.size);
    return update;
  }

  truth(jobId: string): number {
    const ticket = this.#waiting.get(jobId)!;
    let ahead = 0;
    for (const other of this.#waiting.values()) if (other < ticket) ahead++;
    return ahead;
  }

  #follow(store: QueueStore, jobId: string, place: { ticket: number; rank: number; size: number; estimate: null | { firstMs: number; perRankMs: number } }): void {
    let positions = this.#positions.get(store);
    if (!positions) this.#positions.set(store, (positions = new Map()));
    positions.set(jobId, new QueuePosition({ type: "queued", jobId, groupId: this.#groupId, ...place }));
  }
}

/**
 * The queue store's contract, run against every implementation (as socket.io's adapters share one test suite).
 * `make` opens a fresh, empty store for the setup it is given; the suite closes it.
 */
export function describeQueueStore(name: string, make: MakeStore): void {
  describe(`queue store contract: ${name}`, () => {
    const opened: QueueStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    async function open(caps: Partial<AdmissionCaps> = {}) {
      const changes = new ChangeLog();
      const setup: QueueStoreSetup = {
        groups: CONTRACT_GROUPS,
        batchSizes: new Map([[BATCH_LISTENER, 3]]),
        caps: { ...NO_CAPS, ...caps },
        onChange: changes.onChange,
      };
      const made = await make(setup);
      opened.push(made.store);
      return { ...made, changes };
    }

    describe("admission", () => {
      it("caps waiting jobs across the app at maxSize, but admits a job that can start at once", async () => {
        const { store } = await open({ maxSize: 2 });
        started(await store.submit(contractJob("a", "one")));
        queued(await store.submit(contractJob("b", "one")));
        queued(await store.submit(contractJob("c", "one")));
        const refused = await store.submit(contractJob("d", "one"));
        expect(refused).toMatchObject({ kind: "refused", error: { code: "queue_full" } });
        expect(refused.kind === "refused" && refused.error.message).toContain("2 jobs are already waiting (the limit is 2)");
        started(await store.submit(contractJob("e", "two")));
        started(await store.submit(contractJob("f", "free")));
        expect(await store.leave("b")).toBe(true);
        queued(await store.submit(contractJob("g", "one")));
      });

      it("caps a session's waiting jobs at maxJobsPerSession; running ones don't count", async () => {
        const { store } = await open({ maxJobsPerSession: 1 });
        const mine = { sessionId: "s" };
        started(await store.submit(contractJob("a", "one", mine)));
        queued(await store.submit(contractJob("b", "one", mine)));
        const refused = await store.submit(contractJob("c", "two", mine));
        expect(refused).toEqual({ kind: "refused", error: { code: "rate_limited", message: expect.stringContaining("This session already has 1 jobs waiting") } });
        queued(await store.submit(contractJob("d", "one")));
        await store.leave("b");
        started(await store.submit(contractJob("e", "two", mine)));
      });

      it("caps an address's waiting jobs at maxJobsPerIp", async () => {
        const { store } = await open({ maxJobsPerIp: 2 });
        const ip = { ip: "10.0.0.1" };
        started(await store.submit(contractJob("a", "one", ip)));
        queued(await store.submit(contractJob("b", "one", ip)));
        queued(await store.submit(contractJob("c", "one", ip)));
        const refused = await store.submit(contractJob("d", "one", ip));
        expect(refused).toEqual({ kind: "refused", error: { code: "rate_limited", message: expect.stringContaining("Your address already has 2 jobs waiting") } });
        queued(await store.submit(contractJob("e", "one", { ip: "10.0.0.2" })));
      });
    });

    describe("slots", () => {
      it("runs at most the limit, in FIFO order, with distinct slot indexes, and hands a freed slot to the head", async () => {
        const { store } = await open();
        const first = started(await store.submit(contractJob("j0", "two")));
        const second = started(await store.submit(contractJob("j1", "two")));
        expect(new Set([first.index, second.index])).toEqual(new Set([0, 1]));
        for (let i = 2; i < 6; i++) expect(queued(await store.submit(contractJob(`j${i}`, "two"))).rank).toBe(i - 2);
        expect(await store.stats()).toContainEqual({ id: "two", limit: 2, waiting: 4, running: 2 });
        expect(await store.release(slot("two", first.index))).toMatchObject([{ groupId: "two", index: first.index, jobIds: ["j2"] }]);
        expect(await store.release(slot("two", second.index))).toMatchObject([{ groupId: "two", index: second.index, jobIds: ["j3"] }]);
        expect(await store.stats()).toContainEqual({ id: "two", limit: 2, waiting: 2, running: 2 });
      });

      it("gives unlimited groups no slot index and never queues them", async () => {
        const { store } = await open();
        for (let i = 0; i < 5; i++) expect(started(await store.submit(contractJob(`u${i}`, "free")))).toEqual({ groupId: "free", index: null, jobIds: [`u${i}`] });
        expect(await store.release(slot("free", null))).toMatchObject([]);
        expect(await store.stats()).toContainEqual({ id: "free", limit: null, waiting: 0, running: 4 });
      });

      it("keeps groups independent", async () => {
        const { store } = await open();
        started(await store.submit(contractJob("a", "one")));
        queued(await store.submit(contractJob("b", "one")));
        const c = started(await store.submit(contractJob("c", "two")));
        started(await store.submit(contractJob("d", "two")));
        expect(await store.release(slot("two", c.index))).toMatchObject([]);
        expect(await store.stats()).toContainEqual({ id: "one", limit: 1, waiting: 1, running: 1 });
      });

      it("lets a waiting job leave (it never runs), and answers false for a started or unknown one", async () => {
        const { store } = await open();
        const a = started(await store.submit(contractJob("a", "one")));
        queued(await store.submit(contractJob("b", "one")));
        queued(await store.submit(contractJob("c", "one")));
        expect(await store.leave("b")).toBe(true);
        expect(await store.leave("b")).toBe(false);
        expect(await store.leave("a")).toBe(false);
        expect(await store.leave("nobody")).toBe(false);
        expect(await store.release(slot("one", a.index))).toMatchObject([{ groupId: "one", index: 0, jobIds: ["c"] }]);
      });

      it("pulls up to its batch size of a batch listener's runnable jobs into one claim, skipping others", async () => {
        const { store } = await open();
        const x = started(await store.submit(contractJob("x", "batch", { dependencyId: 8 })));
        const batch = { dependencyId: BATCH_LISTENER };
        for (const [id, extra] of [["a", batch], ["b", { dependencyId: 8 }], ["c", batch], ["d", batch], ["e", batch]] as const) {
          queued(await store.submit(contractJob(id, "batch", extra)));
        }
        const [claim] = await store.release(slot("batch", x.index));
        expect(claim).toMatchObject({ groupId: "batch", index: 0, jobIds: ["a", "c", "d"] });
        expect(await store.release(slot("batch", 0))).toMatchObject([{ groupId: "batch", index: 0, jobIds: ["b"] }]);
        expect(await store.release(slot("batch", 0))).toMatchObject([{ groupId: "batch", index: 0, jobIds: ["e"] }]);
      });
    });

    describe("parked sessions", () => {
      it("keep their place and count, are passed over, and run in ticket order once resumed", async () => {
        const { store } = await open();
        const a = started(await store.submit(contractJob("a", "one")));
        queued(await store.submit(contractJob("b", "one", { sessionId: "gone" })));
        queued(await store.submit(contractJob("c", "one", { sessionId: "gone" })));
        queued(await store.submit(contractJob("d", "one")));
        await store.park("gone");
        expect(await store.stats()).toContainEqual({ id: "one", limit: 1, waiting: 3, running: 1 });
        expect(queued(await store.submit(contractJob("e", "one"))).rank).toBe(3);
        expect(await store.release(slot("one", a.index))).toMatchObject([{ groupId: "one", index: 0, jobIds: ["d"] }]);
        expect(await store.release(slot("one", 0))).toMatchObject([{ groupId: "one", index: 0, jobIds: ["e"] }]);
        // Only parked jobs wait: the slot stays free and a new job may start past them.
        expect(await store.release(slot("one", 0))).toMatchObject([]);
        const f = started(await store.submit(contractJob("f", "one")));
        expect(await store.resume("gone")).toEqual([]);
        expect(await store.release(slot("one", f.index))).toMatchObject([{ groupId: "one", index: 0, jobIds: ["b"] }]);
        expect(await store.release(slot("one", 0))).toMatchObject([{ groupId: "one", index: 0, jobIds: ["c"] }]);
      });

      it("start at once on resume when slots are free", async () => {
        const { store } = await open();
        const a = started(await store.submit(contractJob("a", "two")));
        const b = started(await store.submit(contractJob("b", "two")));
        queued(await store.submit(contractJob("c", "two", { sessionId: "gone" })));
        queued(await store.submit(contractJob("d", "two", { sessionId: "gone" })));
        await store.park("gone");
        expect(await store.release(slot("two", a.index))).toMatchObject([]);
        expect(await store.release(slot("two", b.index))).toMatchObject([]);
        const claims = await store.resume("gone");
        expect(claims.map((claim) => claim.jobIds)).toEqual([["c"], ["d"]]);
        expect(new Set(claims.map((claim) => claim.index))).toEqual(new Set([0, 1]));
      });
    });

    describe("ranks", () => {
      it("let each client derive its exact rank from its queued rank and later updates", async () => {
        const { store } = await open();
        const truth = new RankTruth("two");
        const slots = new Map<string, number | null>();
        const hold = (claims: readonly SlotClaim[]) => {
          truth.claimed(claims);
          for (const claim of claims) slots.set(claim.jobIds[0]!, claim.index);
        };
        hold([started(await store.submit(contractJob("j0", "two"))), started(await store.submit(contractJob("j1", "two")))]);
        for (let i = 2; i < 8; i++) truth.queued(store, `j${i}`, await store.submit(contractJob(`j${i}`, "two")));
        await truth.update(store);

        expect(await store.leave("j4")).toBe(true);
        truth.gone("j4");
        hold(await store.release(slot("two", slots.get("j0")!)));
        // j2 and j4 left since the last update: still counted, since the next update lists them.
        const j8 = await store.submit(contractJob("j8", "two"));
        expect(queued(j8).rank).toBe(4 + 2);
        truth.queued(store, "j8", j8);
        await truth.update(store);

        await store.park("s-j5");
        hold(await store.release(slot("two", slots.get("j1")!)));
        hold(await store.release(slot("two", slots.get("j2")!)));
        await truth.update(store);

        expect(await store.leave("j8")).toBe(true);
        truth.gone("j8");
        const place = await store.place("j7");
        expect(place).not.toBeNull();
        truth.placed(store, "j7", place!);
        expect(await store.place("j8")).toBeNull();
        await truth.update(store);

        expect(await store.resume("s-j5")).toEqual([]);
        hold(await store.release(slot("two", slots.get("j3")!)));
        const last = await truth.update(store);
        expect(last.left.length % 2).toBe(0);
      });
    });

    describe("estimates", () => {
      it("are null until a run is recorded, then follow an EWMA of run times", async () => {
        const { store, settle } = await open();
        expect(store.listenerEstimate(1)).toBeNull();
        expect((await store.takeUpdate("two")).estimate).toBeNull();
        store.recordRun(1, "two", 100);
        await settle();
        expect(store.listenerEstimate(1)).toBe(100);
        store.recordRun(1, "two", 200);
        await settle();
        expect(store.listenerEstimate(1)).toBeCloseTo(130, 6);
        expect((await store.takeUpdate("two")).estimate).toEqual({ firstMs: 130, perRankMs: 65 });

        started(await store.submit(contractJob("a", "two")));
        started(await store.submit(contractJob("b", "two")));
        const c = queued(await store.submit(contractJob("c", "two")));
        // Both slots just started: the first should free in about one run, then one more run for this job.
        expect(c.estimate!.perRankMs).toBe(65);
        expect(c.estimate!.firstMs).toBeLessThanOrEqual(260);
        expect(c.estimate!.firstMs).toBeGreaterThan(200);
        expect((await store.takeUpdate("one")).estimate).toBeNull();
      });
    });

    it("calls onChange when a group's waiting list changes", async () => {
      const { store, changes } = await open();
      const a = started(await store.submit(contractJob("a", "one")));
      queued(await store.submit(contractJob("b", "one")));
      await changes.reach("one", 1);
      queued(await store.submit(contractJob("c", "one")));
      await changes.reach("one", 2);
      await store.leave("c");
      await changes.reach("one", 3);
      await store.release(slot("one", a.index));
      await changes.reach("one", 4);
      expect(changes.count("two")).toBe(0);
    });
  });
}
