import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "../../../testing/redis-server.ts";
import type { QueueStoreSetup, SlotClaim } from "../queue-store.ts";
import { StoreUnavailableError } from "../queue-store.ts";
import { ChangeLog, CONTRACT_GROUPS, contractJob, describeQueueStore, queued, RankTruth, slot, started } from "../queue-store.contract.ts";
import { Redis } from "ioredis";
import type { RelayEvent } from "../../cluster-relay.ts";
import { RedisQueueStore, type RedisQueueStoreOptions, type StoreReset } from "./redis-queue-store.ts";

let redis: RedisServer;
let apps = 0;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

const DEFAULT_PUBSUB_LIMIT = "pubsub 33554432 8388608 60";

/** A fresh app on the shared server, so that tests never see each other's keys. */
function freshApp(): string {
  return `test-${process.pid}-${apps++}`;
}

function setup(changes = new ChangeLog()): QueueStoreSetup {
  return { groups: CONTRACT_GROUPS, batchSizes: new Map([[7, 3]]), caps: { maxSize: null, maxJobsPerSession: null, maxJobsPerIp: null }, onChange: changes.onChange };
}

describeQueueStore("redis", async (storeSetup) => {
  const store = await RedisQueueStore.open(storeSetup, { url: redis.url, app: freshApp() });
  return { store, settle: () => store.settle() };
});

describe("redis queue store across processes", () => {
  const open = (app: string, options: Partial<RedisQueueStoreOptions> = {}, changes?: ChangeLog) =>
    RedisQueueStore.open(setup(changes), { url: redis.url, app, ...options });

  it("lets the clients of each process derive exact ranks from that process's updates", async () => {
    const app = freshApp();
    const [a, b] = [await open(app), await open(app)];
    try {
      const truth = new RankTruth("two");
      const slots = new Map<string, { store: RedisQueueStore; index: number | null }>();
      const hold = (store: RedisQueueStore, claims: readonly SlotClaim[]) => {
        truth.claimed(claims);
        for (const claim of claims) slots.set(claim.jobIds[0]!, { store, index: claim.index });
      };
      const release = async (jobId: string) => {
        const held = slots.get(jobId)!;
        hold(held.store, await held.store.release(slot("two", held.index)));
      };
      hold(a, [started(await a.submit(contractJob("j0", "two")))]);
      hold(b, [started(await b.submit(contractJob("j1", "two")))]);
      for (let i = 2; i < 10; i++) {
        const store = i % 2 === 0 ? a : b;
        truth.queued(store, `j${i}`, await store.submit(contractJob(`j${i}`, "two")));
      }
      await truth.update(a);
      await release("j0");
      await b.leave("j6");
      truth.gone("j6");
      // b has not taken an update since j2..j9 queued; a has, and then saw two departures.
      truth.queued(a, "j10", await a.submit(contractJob("j10", "two")));
      truth.queued(b, "j11", await b.submit(contractJob("j11", "two")));
      await truth.update(b);
      await release("j1");
      await release("j2");
      await truth.update(a);
      truth.queued(b, "j12", await b.submit(contractJob("j12", "two")));
      await release("j3");
      await truth.update(b);
      await truth.update(a);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("never claims more than the limit when processes race for slots", async () => {
    const app = freshApp();
    const stores = await Promise.all([open(app), open(app), open(app)]);
    try {
      const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 3]!.submit(contractJob(`r${i}`, "two"))));
      const holders = outcomes.flatMap((outcome, i) => (outcome.kind === "started" ? [{ store: stores[i % 3]!, claim: outcome.claim }] : []));
      expect(holders.map(({ claim }) => claim.index).sort()).toEqual([0, 1]);
      // Both holders release at once: each freed slot goes to exactly one waiting job, returned to the releaser or
      // handed to the process that submitted it.
      const claims: SlotClaim[] = [];
      let second = () => {};
      const both = new Promise<void>((resolve) => (second = resolve));
      const take = (claim: SlotClaim) => claims.push(claim) === 2 && second();
      for (const store of stores) store.listen((event) => event.kind === "claim" && take(event.claim));
      for (const claim of (await Promise.all(holders.map(({ store, claim }) => store.release(slot("two", claim.index))))).flat()) take(claim);
      await both;
      expect(claims.map((claim) => claim.index).sort()).toEqual([0, 1]);
      expect(await stores[2]!.stats()).toContainEqual({ id: "two", limit: 2, waiting: 26, running: 2 });
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("tells every process about a change in any process", async () => {
    const app = freshApp();
    const heard = new ChangeLog();
    const [a, b] = [await open(app), await open(app, {}, heard)];
    try {
      started(await a.submit(contractJob("a", "one")));
      queued(await a.submit(contractJob("b", "one")));
      await heard.reach("one", 1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("tells the process a session was connected to when it connects to another, and nobody when it comes back to the same", async () => {
    const app = freshApp();
    const [a, b] = [await open(app), await open(app)];
    const heardByA: RelayEvent[] = [];
    const moved = new Promise<void>((resolve) =>
      a.listen((event) => {
        heardByA.push(event);
        if (event.kind === "moved") resolve();
      }),
    );
    try {
      await a.arrive("s1");
      await a.arrive("s1");
      await b.arrive("s1");
      await moved;
      // Only the move to b was news to a; coming back to a itself was not.
      expect(heardByA).toEqual([{ kind: "moved", sessionId: "s1" }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("hands a freed slot to the process that submitted the next job, or keeps it when that process is gone", async () => {
    const app = freshApp();
    const [a, b] = [await open(app), await open(app)];
    const handed = new Promise<RelayEvent>((resolve) => b.listen(resolve));
    try {
      const first = started(await a.submit(contractJob("j0", "one", { payload: "p0" })));
      queued(await b.submit(contractJob("j1", "one", { payload: "p1" })));
      expect(await a.release(first)).toEqual([]);
      expect(await handed).toEqual({ kind: "claim", claim: { groupId: "one", index: first.index, jobIds: ["j1"], payloads: ["p1"] } });
      const gone = await open(app);
      queued(await gone.submit(contractJob("j2", "one", { payload: "p2" })));
      await gone.close();
      // Its submitter is gone: the process that frees the slot runs it, from its payload.
      expect(await b.release(slot("one", first.index, ["j1"]))).toEqual([{ groupId: "one", index: first.index, jobIds: ["j2"], payloads: ["p2"] }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("finds a handed claim whose message was lost (the subscriber was dropped) at the next reap, and lists it once", async () => {
    const app = freshApp();
    const [a, b] = [await open(app), await open(app)];
    const handed: RelayEvent[] = [];
    b.listen((event) => handed.push(event));
    const admin = new Redis(redis.url);
    // Past the 16 KiB that Redis writes from its fixed buffer, so that its output limit for subscribers applies.
    const payload = "x".repeat(20_000);
    try {
      const first = started(await a.submit(contractJob("j0", "one")));
      queued(await b.submit(contractJob("j1", "one", { payload })));
      // Redis drops a subscriber whose output buffer passes the limit, after counting it as a receiver.
      await admin.config("SET", "client-output-buffer-limit", "pubsub 1024 0 0");
      expect(await a.release(first)).toEqual([]);
      await admin.config("SET", "client-output-buffer-limit", DEFAULT_PUBSUB_LIMIT);
      expect((await b.reapExpired()).claims).toEqual([{ groupId: "one", index: first.index, jobIds: ["j1"], payloads: [payload] }]);
      expect((await b.reapExpired()).claims).toEqual([]);
      expect(handed).toEqual([]);
    } finally {
      await admin.config("SET", "client-output-buffer-limit", DEFAULT_PUBSUB_LIMIT);
      admin.disconnect();
      await a.close();
      await b.close();
    }
  });

  it("frees the slots of a process whose lease expired and hands them to the reaper", async () => {
    const app = freshApp();
    const dead = await open(app, { leaseMs: 50 });
    const alive = await open(app);
    try {
      const claim = started(await dead.submit(contractJob("a", "one")));
      started(await dead.submit(contractJob("u", "free")));
      queued(await alive.submit(contractJob("b", "one")));
      await dead.close(); // Its renewals stop: the lease runs out 50 ms after the last one.
      let reaped = await alive.reapExpired();
      while (reaped.lostJobIds.length === 0) reaped = await alive.reapExpired();
      expect(reaped).toMatchObject({ lostJobIds: ["a"], lostUnlimitedRuns: 1, claims: [{ groupId: "one", index: claim.index, jobIds: ["b"] }] });
      expect((await alive.reapExpired()).lostJobIds).toEqual([]);
    } finally {
      await alive.close();
    }
  });

  it("fails at once while Redis is away, then starts a new epoch and reports what was lost", async () => {
    const server = await startRedisServer();
    const resets: StoreReset[] = [];
    const store = await RedisQueueStore.open(setup(), { url: server.url, app: freshApp(), onReset: (reset) => resets.push(reset) });
    try {
      const a = started(await store.submit(contractJob("a", "one")));
      const b = queued(await store.submit(contractJob("b", "one")));
      await server.stop();
      await expect(store.submit(contractJob("c", "one"))).rejects.toBeInstanceOf(StoreUnavailableError);
      await server.start();
      let outcome;
      for (;;) {
        try {
          outcome = await store.submit(contractJob("d", "one"));
          break;
        } catch (error) {
          expect(error).toBeInstanceOf(StoreUnavailableError);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      expect(resets).toEqual([{ waitingJobIds: ["b"], runningJobIds: ["a"] }]);
      // The old slot is gone with the epoch: the new job starts, in slot 0 again.
      expect(started(outcome)).toEqual({ groupId: "one", index: a.index, jobIds: ["d"] });
      const e = queued(await store.submit(contractJob("e", "one")));
      expect(e.ticket).toBeGreaterThan(b.ticket);
      expect(e.rank).toBe(0);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});

describe("redis queue store: a slot's next job reserved before it frees", () => {
  const open = (app: string, options: Partial<RedisQueueStoreOptions> = {}) => RedisQueueStore.open(setup(), { url: redis.url, app, ...options });

  it("keeps a reserved job's place and count, gives it to no other slot, and lets it hold its slot once it started there", async () => {
    const app = freshApp();
    const [a, b] = [await open(app), await open(app)];
    try {
      const first = started(await a.submit(contractJob("j0", "two")));
      const second = started(await b.submit(contractJob("j1", "two")));
      for (const id of ["j2", "j3", "j4"]) queued(await b.submit(contractJob(id, "two", { payload: `p-${id}` })));
      const reserved = await a.reserve(first);
      // The head, with its payload: `a` did not submit it.
      expect(reserved).toEqual({ groupId: "two", index: first.index, jobIds: ["j2"], payloads: ["p-j2"] });
      expect(await a.reserve(first)).toBeNull();
      // Another slot that frees takes the job behind it.
      expect(await b.release(second)).toEqual([{ groupId: "two", index: second.index, jobIds: ["j3"], payloads: ["p-j3"] }]);
      expect(await a.place("j2")).toMatchObject({ rank: 0 });
      expect(await a.stats()).toContainEqual({ id: "two", limit: 2, waiting: 2, running: 2 });
      expect(await a.handOver(first, reserved!)).toEqual({ kept: true });
      expect(await a.place("j2")).toBeNull();
      expect(await a.stats()).toContainEqual({ id: "two", limit: 2, waiting: 1, running: 2 });
      // It holds the slot now: released, the slot goes on to the next, to the process that submitted it.
      const handed = new Promise<RelayEvent>((resolve) => b.listen(resolve));
      expect(await a.release(reserved!)).toEqual([]);
      expect(await handed).toEqual({ kind: "claim", claim: { groupId: "two", index: first.index, jobIds: ["j4"], payloads: ["p-j4"] } });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("puts a reservation back in its place when it is given back, or its slot frees without it; one that left is not kept", async () => {
    const store = await open(freshApp());
    try {
      const first = started(await store.submit(contractJob("j0", "one")));
      for (const id of ["j1", "j2", "j3", "j4"]) queued(await store.submit(contractJob(id, "one")));
      expect((await store.reserve(first))?.jobIds).toEqual(["j1"]);
      expect(await store.unreserve(slot("one", first.index, ["j1"]))).toEqual([]);
      // Back at the head: the slot's next reservation, and its release, take it first.
      const again = await store.reserve(first);
      expect(again?.jobIds).toEqual(["j1"]);
      const next = await store.release(first);
      expect(next.map((claim) => claim.jobIds)).toEqual([["j1"]]);
      expect((await store.reserve(next[0]!))?.jobIds).toEqual(["j2"]);
      expect(await store.leave("j2")).toBe(true);
      expect(await store.handOver(next[0]!, slot("one", next[0]!.index, ["j2"]))).toEqual({ kept: false, claims: [expect.objectContaining({ jobIds: ["j3"] })] });
    } finally {
      await store.close();
    }
  });

  it("reserves only while another job stays runnable behind, and never a batch listener's job", async () => {
    const store = await open(freshApp());
    try {
      const one = started(await store.submit(contractJob("j0", "one")));
      queued(await store.submit(contractJob("j1", "one")));
      expect(await store.reserve(one)).toBeNull();
      const batch = started(await store.submit(contractJob("b0", "batch", { dependencyId: 7 })));
      for (const id of ["b1", "b2"]) queued(await store.submit(contractJob(id, "batch", { dependencyId: 7 })));
      expect(await store.reserve(batch)).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("tells the process that reserved a job when its session goes away, and passes the job over when its slot frees", async () => {
    const app = freshApp();
    const [a, b] = [await open(app), await open(app)];
    const told = new Promise<RelayEvent>((resolve) => a.listen(resolve));
    try {
      const first = started(await a.submit(contractJob("j0", "one")));
      for (const id of ["j1", "j2", "j3"]) queued(await b.submit(contractJob(id, "one")));
      const reserved = await a.reserve(first);
      expect(reserved?.jobIds).toEqual(["j1"]);
      await b.park("s-j1");
      expect(await told).toEqual({ kind: "unreserved", jobId: "j1" });
      // Its slot frees without it: the slot goes to the next runnable job (submitted by `b`), and it stays in its place.
      expect(await a.release(first)).toEqual([]);
      expect(await a.place("j1")).toMatchObject({ rank: 0 });
      expect(await a.resume("s-j1")).toEqual([]);
      expect(await a.stats()).toContainEqual({ id: "one", limit: 1, waiting: 2, running: 1 });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("gives a dead process's reservations back to their places at the reap", async () => {
    const app = freshApp();
    const dead = await open(app, { leaseMs: 50 });
    const alive = await open(app);
    try {
      const claim = started(await dead.submit(contractJob("a", "one")));
      for (const id of ["b", "c"]) queued(await alive.submit(contractJob(id, "one")));
      expect((await dead.reserve(claim))?.jobIds).toEqual(["b"]);
      await dead.close();
      let reaped = await alive.reapExpired();
      while (reaped.lostJobIds.length === 0) reaped = await alive.reapExpired();
      expect(reaped).toMatchObject({ lostJobIds: ["a"], claims: [{ groupId: "one", index: claim.index, jobIds: ["b"] }] });
    } finally {
      await alive.close();
    }
  });
});
