import { Blocks, Button, compile, listener, Textbox, type HandlerContext } from "@blockwork/core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Logger } from "../logger.ts";
import { FakeClock } from "../testing/fake-clock.ts";
import { RecordingSink } from "../testing/recording-sink.ts";
import { startRedisServer, type RedisServer } from "../testing/redis-server.ts";
import type { ClusterRelay, RelayEvent } from "./cluster-relay.ts";
import { QueueRuntime } from "./queue-runtime.ts";
import { SlotReservations } from "./slot-reservations.ts";
import type { HandOver, QueueStore, SlotClaim } from "./store/queue-store.ts";
import { RedisQueueStore } from "./store/redis/redis-queue-store.ts";

let redis: RedisServer;
let apps = 0;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await redis?.stop();
});

/** A handler whose calls the test settles by hand. */
class Calls {
  readonly list: { input: string; signal: AbortSignal; resolve: (value: string) => void }[] = [];
  readonly fn = (input: string, ctx: HandlerContext): Promise<string> => new Promise((resolve) => this.list.push({ input, signal: ctx.signal, resolve }));
  inputs(): string[] {
    return this.list.map((c) => c.input);
  }
  finish(input: string): void {
    this.list.find((c) => c.input === input)!.resolve(`done ${input}`);
  }
}

/** Resolves once `condition` holds, checking after each turn of the event loop (Redis answers arrive as I/O). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * One process's queue runtime on a real Redis, limit 1, its clock in the test's hands. The store is the real one,
 * watched: each `handOver` and `release` waits at a gate the test can close, to show what does not wait on Redis.
 * `deaf`: events from other processes that the runtime does not hear (a notice that comes too late).
 */
async function limitOne(app = `reservations-${process.pid}-${apps++}`, options: { deaf?: (event: RelayEvent) => boolean } = {}) {
  const calls = new Calls();
  const input = Textbox();
  const compiled = compile(Blocks({ children: [input, Button({ onClick: listener(calls.fn, { inputs: [input], outputs: [input], apiName: "work", concurrencyLimit: 1 }) })] }));
  const clock = new FakeClock();
  const sink = new RecordingSink();
  const logged: string[] = [];
  const logger: Logger = { error: (m) => logged.push(m), warn: (m) => logged.push(m) };
  const seen = { handOvers: [] as HandOver[], releases: 0, reserved: [] as (SlotClaim | null)[], events: [] as RelayEvent[] };
  let gate: Promise<void> = Promise.resolve();
  let openGate = () => {};
  let real: RedisQueueStore | undefined;
  const runtime = new QueueRuntime({
    compiled,
    sink,
    logger,
    clock,
    store: (setup) => {
      real = RedisQueueStore.create(setup, { url: redis.url, app });
      const store = real;
      const watched: Partial<QueueStore> = {
        reserve: async (claim) => {
          const reserved = await store.reserve(claim);
          seen.reserved.push(reserved);
          return reserved;
        },
        handOver: async (claim, next) => {
          await gate;
          const outcome = await store.handOver(claim, next);
          seen.handOvers.push(outcome);
          return outcome;
        },
        release: async (claim) => {
          await gate;
          seen.releases++;
          return store.release(claim);
        },
      };
      return new Proxy(store, {
        get: (target, key) => (key in watched ? watched[key as keyof QueueStore] : typeof Reflect.get(target, key) === "function" ? Reflect.get(target, key).bind(target) : Reflect.get(target, key)),
      });
    },
    relay: (store) => {
      const relay = store as unknown as ClusterRelay;
      return new Proxy(relay, {
        get: (target, key) =>
          key === "listen"
            ? (listener: (event: RelayEvent) => void) =>
                target.listen((event) => {
                  seen.events.push(event);
                  if (!options.deaf?.(event)) listener(event);
                })
            : Reflect.get(target, key),
      });
    },
    sessionFor: (sessionId) => ({ id: sessionId, state: new Map() }),
  });
  await real!.ready();
  cleanups.push(async () => {
    openGate();
    runtime.close();
    await runtime.closeStore();
  });
  const dependencyId = compiled.config.dependencies[0]!.id;
  const session = { id: "session-a", state: new Map() };
  const submit = async (value: string): Promise<string> => {
    const reply = await runtime.submit({ owner: "a", session, dependencyId, data: [value] });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.job.id;
  };
  /** Runs one job for `ms` of the fake clock, so that the listener's average run time is known. */
  const learn = async (ms: number): Promise<void> => {
    await submit("warm-up");
    await until(() => calls.inputs().includes("warm-up"), "the warm-up job");
    clock.advance(ms);
    calls.finish("warm-up");
    await until(() => runtime.listenerEstimate(dependencyId) === ms, "the warm-up's run time");
  };
  return {
    app,
    calls,
    clock,
    runtime,
    sink,
    seen,
    logged,
    submit,
    learn,
    session,
    closeGate() {
      gate = new Promise((resolve) => (openGate = resolve));
    },
    openGate: () => openGate(),
  };
}

type Process = Awaited<ReturnType<typeof limitOne>>;

/** Submits one after another (so that their order in the queue is known); their ids. */
async function submitAll(process: Process, values: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const value of values) ids.push(await process.submit(value));
  return ids;
}

/**
 * `a` runs on `holder`, for a listener known to take 100 ms; `queue` puts jobs behind it (on any process); 20 ms
 * before `a` should end, the first of them is reserved to follow it. Returns its id.
 */
async function reservedBehindA(holder: Process, queue: () => Promise<string[]>): Promise<string> {
  await holder.learn(100);
  await holder.submit("a");
  await until(() => holder.calls.inputs().includes("a"), "a to start");
  const ids = await queue();
  holder.clock.advance(80);
  await until(() => holder.seen.reserved.length === 1, "the reservation");
  expect(holder.seen.reserved[0]!.jobIds).toEqual([ids[0]]);
  return ids[0]!;
}

describe("slot reservations on Redis", () => {
  test("a slot's next job starts the moment its job ends, before Redis hears of it", async () => {
    const q = await limitOne();
    await reservedBehindA(q, () => submitAll(q, ["b", "c", "d"]));
    q.closeGate();
    q.clock.advance(15);
    q.calls.finish("a");
    // Redis has not been told anything yet (the gate holds the handover), and `b` runs.
    await until(() => q.calls.inputs().includes("b"), "b to start");
    expect(q.seen.handOvers).toEqual([]);
    q.openGate();
    await until(() => q.seen.handOvers.length === 1, "the handover");
    expect(q.seen.handOvers).toEqual([{ kept: true }]);
    expect(await q.runtime.groupStats()).toContainEqual(expect.objectContaining({ limit: 1, running: 1, waiting: 2 }));
    expect(q.calls.inputs()).toEqual(["warm-up", "a", "b"]);
  });

  test("a job that runs past its expected end gives its reservation back: the freed slot takes that job, not the one behind it", async () => {
    const q = await limitOne();
    await reservedBehindA(q, () => submitAll(q, ["b", "c", "d"]));
    // 20 ms past its expected end `a` still runs: `b` goes back to the head of the queue.
    q.clock.advance(41);
    const releasesBefore = q.seen.releases;
    q.calls.finish("a");
    await until(() => q.calls.inputs().length === 3, "the next job to start");
    expect(q.calls.inputs()).toEqual(["warm-up", "a", "b"]);
    expect(q.seen.handOvers).toEqual([]);
    expect(q.seen.releases).toBe(releasesBefore + 1);
  });

  test("a reserved job that leaves the queue before its slot frees never runs; the one behind it does", async () => {
    const q = await limitOne();
    const b = await reservedBehindA(q, () => submitAll(q, ["b", "c", "d"]));
    expect(await q.runtime.cancel(b, q.session.id)).toEqual({ ok: true });
    q.clock.advance(15);
    q.calls.finish("a");
    await until(() => q.calls.inputs().length === 3, "the next job to start");
    expect(q.calls.inputs()).toEqual(["warm-up", "a", "c"]);
    expect(q.sink.types(b)).toEqual(["queued", "error"]);
  });
});

describe("SlotReservations", () => {
  test("a listener whose jobs keep outrunning their estimate reserves only now and then", () => {
    const clock = new FakeClock();
    let reserves = 0;
    let givenBack = 0;
    const store = {
      reserve: (claim: SlotClaim) => (reserves++, { ...claim, jobIds: [`next-${reserves}`] }),
      unreserve: () => (givenBack++, []),
    } as unknown as QueueStore;
    const reservations = new SlotReservations({ store, clock, prepare: () => [], start: () => {}, call: (_what, operation) => void operation() });
    const runJob = (runMs: number) => {
      const claim: SlotClaim = { groupId: "g", index: 0, jobIds: ["job"] };
      reservations.started(claim, 1, 100);
      clock.advance(runMs);
      reservations.ended(claim);
    };
    // Jobs that end when expected: each reserves, and each reservation starts.
    for (let i = 0; i < 5; i++) runJob(100);
    expect([reserves, givenBack]).toEqual([5, 0]);
    // Jobs that run far longer: their reservations go back, until the listener only tries every 8th job.
    for (let i = 0; i < 40; i++) runJob(300);
    expect(givenBack).toBe(reserves - 5);
    expect(reserves).toBeLessThan(5 + 12);
    // Back to jobs that end on time: the next tries hit, and it reserves for every job again.
    const before = reserves;
    for (let i = 0; i < 30; i++) runJob(100);
    expect(reserves - before).toBeGreaterThan(20);
  });
});

describe("slot reservations across processes", () => {
  test("a reserved job that its own process cancels never starts on the process that reserved it", async () => {
    const holder = await limitOne();
    const submitter = await limitOne(holder.app);
    const b = await reservedBehindA(holder, () => submitAll(submitter, ["b", "c", "d"]));
    expect(await submitter.runtime.cancel(b, submitter.session.id)).toEqual({ ok: true });
    // The holder hears that it left before its slot frees.
    await until(() => holder.seen.events.some((event) => event.kind === "unreserved" && event.jobId === b), "the holder to hear that b left");
    holder.clock.advance(15);
    holder.calls.finish("a");
    // The freed slot goes to the next job, on the process that submitted it; `b` never ran anywhere.
    await until(() => submitter.calls.inputs().includes("c"), "c to start");
    expect(holder.calls.inputs()).toEqual(["warm-up", "a"]);
    expect(submitter.calls.inputs()).toEqual(["c"]);
    expect(holder.seen.handOvers).toEqual([]);
  });

  test("a reserved job that left the queue but started before the notice came is stopped at once, and its slot goes on once", async () => {
    const holder = await limitOne(undefined, { deaf: (event) => event.kind === "unreserved" });
    const submitter = await limitOne(holder.app);
    const b = await reservedBehindA(holder, () => submitAll(submitter, ["b", "c", "d"]));
    expect(await submitter.runtime.cancel(b, submitter.session.id)).toEqual({ ok: true });
    await until(() => holder.seen.events.some((event) => event.kind === "unreserved"), "the notice the holder does not hear");
    holder.clock.advance(15);
    holder.calls.finish("a");
    // `b` started, Redis did not keep it: its signal aborts, and the slot goes on to `c` on its process, once.
    await until(() => holder.seen.handOvers.length === 1, "the handover");
    expect(holder.seen.handOvers).toEqual([{ kept: false, claims: [] }]);
    expect(holder.calls.list.find((call) => call.input === "b")!.signal.aborted).toBe(true);
    await until(() => submitter.calls.inputs().includes("c"), "c to start");
    holder.calls.finish("b");
    await until(() => holder.runtime.stats().running === 0, "b to end");
    expect(await holder.runtime.groupStats()).toContainEqual(expect.objectContaining({ limit: 1, running: 1, waiting: 1 }));
    expect(holder.sink.sent.filter((s) => s.message.jobId === b).map((s) => s.message.type)).not.toContain("complete");
  });
});
