import { BlockworkError, listener, QueuePosition, State, Textbox, update, type AnyComponent, type AnyListener, type ErrorPayload } from "@blockwork/core";
import { describe, expect, test } from "vitest";
import type { QueueRuntimeOptions } from "./queue-runtime.ts";
import { runtimeHarness } from "../testing/runtime-harness.ts";

/** A handler whose calls the test settles by hand. */
class Calls {
  readonly list: { args: unknown[]; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  readonly fn = (...args: unknown[]): Promise<any> =>
    new Promise((resolve, reject) => this.list.push({ args: args.slice(0, -1), resolve, reject }));
  inputs(): unknown[] {
    return this.list.map((c) => c.args[0]);
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(
  listeners: AnyListener[],
  queue: { defaultConcurrencyLimit?: number | null; maxSize?: number | null } = {},
  options: Partial<QueueRuntimeOptions> = {},
  extra: AnyComponent[] = [],
) {
  const harness = runtimeHarness(listeners, { queue, runtime: options, components: [input, output, ...extra] });
  return { ...harness, submit: harness.trySubmit };
}

const input = Textbox();
const output = Textbox();

function work(calls: Calls, options: { apiName: string; concurrencyLimit?: number | null; concurrencyId?: string; queue?: boolean }): AnyListener {
  return listener(calls.fn, { inputs: [input], outputs: [output], ...options });
}

describe("QueueRuntime", () => {
  test("a group runs at most its limit, FIFO, and starts the next job the moment a slot frees", async () => {
    const calls = new Calls();
    const { sink, submit } = setup([work(calls, { apiName: "w", concurrencyLimit: 2 })]);
    const ids = ["a", "b", "c", "d", "e"].map((x) => submit("w", [x]) as string);
    await tick();
    expect(calls.inputs()).toEqual(["a", "b"]);
    expect(sink.types(ids[0]!)).toEqual(["started"]);
    expect(sink.of(ids[2]!)).toEqual([{ type: "queued", jobId: ids[2], groupId: "api:w", ticket: 0, rank: 0, size: 1, estimate: null }]);
    expect(sink.of(ids[4]!)[0]).toMatchObject({ type: "queued", ticket: 2, rank: 2, size: 3 });

    calls.list[1]!.resolve("B");
    await tick();
    expect(sink.of(ids[1]!).at(-1)).toEqual({ type: "complete", jobId: ids[1], data: ["B"] });
    expect(calls.inputs()).toEqual(["a", "b", "c"]);
    calls.list[0]!.resolve("A");
    calls.list[2]!.resolve("C");
    await tick();
    expect(calls.inputs()).toEqual(["a", "b", "c", "d", "e"]);
  });

  test("groups never block each other, and queue: false runs at once outside any group", async () => {
    const busy = new Calls();
    const idle = new Calls();
    const instant = new Calls();
    const { sink, submit } = setup([
      work(busy, { apiName: "busy", concurrencyId: "gpu" }),
      work(idle, { apiName: "idle" }),
      work(instant, { apiName: "instant", queue: false }),
    ]);
    submit("busy", [1]);
    const waiting = submit("busy", [2]) as string;
    const other = submit("idle", [3]) as string;
    const free = ["x", "y", "z"].map((x) => submit("instant", [x]) as string);
    await tick();
    expect(sink.types(waiting)).toEqual(["queued"]);
    expect(sink.types(other)).toEqual(["started"]);
    expect(idle.inputs()).toEqual([3]);
    expect(instant.inputs()).toEqual(["x", "y", "z"]);
    expect(free.map((id) => sink.types(id))).toEqual([["started"], ["started"], ["started"]]);
  });

  test("maxSize counts waiting jobs across the app; a job that can start at once is still accepted", async () => {
    const a = new Calls();
    const b = new Calls();
    const { submit, clock } = setup([work(a, { apiName: "a" }), work(b, { apiName: "b" })], { maxSize: 2 });
    submit("a", [1]);
    submit("a", [2]);
    submit("b", [3]);
    submit("b", [4]);
    const refused = submit("a", [5]) as ErrorPayload;
    expect(refused.code).toBe("queue_full");
    expect(refused.message).toMatch(/queue is full/i);
    expect(refused.retryAfterMs).toBeUndefined();
    await tick();
    clock.advance(100);
    a.list[0]!.resolve("done");
    await tick();
    // A run time is now known, so a refusal can say when to retry: a's slot is expected to free in ~100 ms.
    submit("a", [6]);
    const again = submit("a", [7]) as ErrorPayload;
    expect(again.code).toBe("queue_full");
    expect(again.retryAfterMs).toBe(100);
  });

  test("a cancelled waiting job never runs; a cancelled running job is told at once and keeps its slot until it returns", async () => {
    const calls = new Calls();
    const { sink, submit, runtime } = setup([work(calls, { apiName: "w" })]);
    const running = submit("w", [1]) as string;
    const waiting = submit("w", [2]) as string;
    const next = submit("w", [3]) as string;
    await tick();
    expect(runtime.cancel(waiting, "session-b")).toMatchObject({ ok: false });
    expect(runtime.cancel(waiting, "session-a")).toEqual({ ok: true });
    expect(sink.of(waiting).at(-1)).toMatchObject({ type: "error", error: { code: "cancelled" } });
    expect(sink.waiting.get("a/api:w")).toBe(1);

    expect(runtime.cancel(running, "session-a")).toEqual({ ok: true });
    expect(sink.types(running)).toEqual(["started", "error"]);
    await tick();
    expect(calls.inputs()).toEqual([1]);
    calls.list[0]!.resolve("late");
    await tick();
    expect(sink.types(running)).toEqual(["started", "error"]);
    expect(calls.inputs()).toEqual([1, 3]);
    expect(sink.types(next)).toEqual(["queued", "started"]);
    expect(runtime.cancel(running, "session-a")).toMatchObject({ ok: false });
  });

  test("a dropped connection's waiting jobs keep their place for the grace period, passed over until the session is back", async () => {
    const calls = new Calls();
    const { sink, submit, runtime, clock } = setup([work(calls, { apiName: "w" })], {}, { waitingGraceMs: 1000 });
    submit("w", ["a-running"], "a");
    const aWaiting = submit("w", ["a1"], "a") as string;
    const bWaiting = submit("w", ["b1"], "b") as string;
    runtime.detach("a");
    await tick();
    calls.list[0]!.resolve("ok");
    await tick();
    // a1 is first in line but its session is away: b1, behind it, takes the slot; a1 keeps its place.
    expect(calls.inputs()).toEqual(["a-running", "b1"]);
    clock.advance(999);
    runtime.reattach("session-a", "a2");
    // Told where it stands now (it missed the updates while away): first in line.
    expect(sink.sent.filter((s) => s.owner === "a2").map((s) => s.message)).toContainEqual(expect.objectContaining({ type: "queued", jobId: aWaiting, rank: 0 }));
    clock.advance(10_000);
    calls.list[1]!.resolve("ok");
    await tick();
    expect(calls.inputs()).toEqual(["a-running", "b1", "a1"]);
    expect(sink.types(aWaiting)).toEqual(["queued", "queued", "started"]);
    expect(sink.types(bWaiting)).toEqual(["queued", "started", "complete"]);
  });

  test("a waiting job whose session is not back within the grace period leaves the queue and never runs", async () => {
    const calls = new Calls();
    const { sink, submit, runtime, clock } = setup([work(calls, { apiName: "w" })], {}, { waitingGraceMs: 1000 });
    submit("w", ["a-running"], "a");
    const aWaiting = submit("w", ["a1"], "a") as string;
    runtime.detach("a");
    clock.advance(1000);
    runtime.reattach("session-a", "a2");
    expect(sink.of(aWaiting).at(-1)).toMatchObject({ type: "error", error: { code: "disconnected" } });
    expect(sink.waiting.has("a/api:w")).toBe(false);
    await tick();
    calls.list[0]!.resolve("ok");
    await tick();
    expect(calls.inputs()).toEqual(["a-running"]);
    expect(runtime.stats()).toMatchObject({ waiting: 0, running: 0, jobs: 0 });
  });

  test("ETA: started.etaMs is the listener's EWMA (null at first); queue estimates use the group's run time", async () => {
    const calls = new Calls();
    const { sink, submit, clock } = setup([work(calls, { apiName: "w" })]);
    const first = submit("w", [1]) as string;
    await tick();
    expect(sink.of(first)[0]).toEqual({ type: "started", jobId: first, etaMs: null });
    clock.advance(100);
    calls.list[0]!.resolve("x");
    await tick();
    const second = submit("w", [2]) as string;
    expect(sink.of(second)[0]).toMatchObject({ type: "started", etaMs: 100 });
    await tick();
    clock.advance(40);
    const third = submit("w", [3]) as string;
    // The running job should end in 60 ms, then this one takes 100: first 160; each rank ahead adds 100 / limit 1.
    expect(sink.of(third)[0]).toMatchObject({ type: "queued", rank: 0, estimate: { firstMs: 160, perRankMs: 100 } });
    clock.advance(160);
    calls.list[1]!.resolve("y");
    await tick();
    expect(sink.of(third)[1]).toMatchObject({ type: "started", etaMs: 130 });
  });

  test("an unlimited group never makes anyone wait", async () => {
    const calls = new Calls();
    const { sink, submit } = setup([work(calls, { apiName: "w", concurrencyLimit: null })]);
    const ids = Array.from({ length: 50 }, (_, i) => submit("w", [i]) as string);
    await tick();
    expect(calls.list).toHaveLength(50);
    expect(ids.every((id) => sink.types(id)[0] === "started")).toBe(true);
  });

  test("group updates are throttled to one per interval, leading and trailing, with the right left ranges", async () => {
    const calls = new Calls();
    const { sink, submit, clock, runtime } = setup([work(calls, { apiName: "w" })]);
    const ids = Array.from({ length: 6 }, (_, i) => submit("w", [i]) as string);
    clock.advance(0);
    expect(sink.broadcasts).toEqual([{ type: "group", groupId: "api:w", left: [], size: 5, estimate: null }]);
    await tick();
    clock.advance(10);
    calls.list[0]!.resolve(0);
    await tick();
    runtime.cancel(ids[4]!, "session-a");
    clock.advance(100);
    expect(sink.broadcasts).toHaveLength(1);
    clock.advance(150);
    // Ticket 0 (job 1) started, ticket 3 (job 4) was cancelled.
    expect(sink.broadcasts[1]).toMatchObject({ left: [0, 1, 3, 4], size: 3 });
    calls.list[1]!.resolve(1);
    await tick();
    calls.list[2]!.resolve(2);
    await tick();
    clock.advance(250);
    expect(sink.broadcasts[2]).toMatchObject({ left: [1, 3], size: 1 });
    clock.advance(1000);
    expect(sink.broadcasts).toHaveLength(3);
  });

  test("every waiting client derives its true rank from queued + group messages, under random joins, starts and cancels", async () => {
    const calls = new Calls();
    const { sink, submit, clock, runtime } = setup([work(calls, { apiName: "w", concurrencyLimit: 3 })], {}, { groupUpdateIntervalMs: 50 });
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const order: string[] = [];
    const positions = new Map<string, QueuePosition>();
    let seenMessages = 0;
    let seenBroadcasts = 0;
    const deliver = (): void => {
      // Replays what the transport delivers: job messages and broadcasts in the order they were produced.
      for (; seenMessages < sink.sent.length; seenMessages++) {
        const { message } = sink.sent[seenMessages]!;
        if (message.type === "queued") positions.set(message.jobId, new QueuePosition(message));
        else positions.delete(message.jobId);
      }
      for (; seenBroadcasts < sink.broadcasts.length; seenBroadcasts++) for (const p of positions.values()) p.apply(sink.broadcasts[seenBroadcasts]!);
    };
    let settled = 0;
    let checkedWaiting = 0;
    for (let step = 0; step < 400; step++) {
      const r = random();
      if (r < 0.45) order.push(submit("w", [step]) as string);
      else if (r < 0.75 && settled < calls.list.length) calls.list[settled++]!.resolve(step);
      else if (r < 0.85 && positions.size > 0) runtime.cancel([...positions.keys()][Math.floor(random() * positions.size)]!, "session-a");
      deliver();
      await tick();
      deliver();
      clock.advance(Math.floor(random() * 40));
      deliver();
      if (step % 25 === 24) {
        clock.advance(100);
        deliver();
        const stats = runtime.stats();
        const waitingIds = [...positions.keys()];
        checkedWaiting += waitingIds.length;
        expect(waitingIds.length).toBe(stats.waiting);
        waitingIds.forEach((id, trueRank) => expect(positions.get(id)!.snapshot()).toMatchObject({ rank: trueRank, size: stats.waiting }));
      }
    }
    expect(order.length).toBeGreaterThan(100);
    expect(checkedWaiting).toBeGreaterThan(50);
  });

  test("errors: BlockworkError is shown; others get a generic message and a logged error id, or the real one with showError", async () => {
    const failing = listener(
      (kind: string) => {
        if (kind === "user") throw new BlockworkError("Please enter a prompt");
        if (kind === "sync") throw new Error("secret detail");
        return Promise.reject<string>(new Error("async secret"));
      },
      { inputs: [input], outputs: [output], apiName: "fail", concurrencyLimit: null },
    );
    const { sink, submit, logged } = setup([failing]);
    const [user, sync, async] = ["user", "sync", "async"].map((k) => submit("fail", [k]) as string);
    await tick();
    await tick();
    expect(sink.of(user!).at(-1)).toMatchObject({ type: "error", error: { code: "handler", message: "Please enter a prompt" } });
    for (const id of [sync!, async!]) {
      const { error } = sink.of(id).at(-1) as { error: ErrorPayload };
      expect(error.code).toBe("handler");
      expect(error.message).toBe(`An error occurred (error id ${error.errorId})`);
      expect(error.errorId).toMatch(/^[0-9a-f]{6}$/);
      expect(logged.some((line) => line.includes(error.errorId!))).toBe(true);
    }

    const shown = setup([failing], {}, { showError: true });
    const id = shown.submit("fail", ["sync"]) as string;
    await tick();
    expect(shown.sink.of(id).at(-1)).toMatchObject({ error: { code: "handler", message: "secret detail" } });
  });

  test("outputs: one value, an array for several (wrong count is a clear handler error), update() objects, State in and out", async () => {
    const count = State(0);
    const label = Textbox();
    const step = listener((n: number) => [n + 1, update({ value: `count ${n + 1}`, visible: true })] as [number, ReturnType<typeof update<string>>], {
      inputs: [count],
      outputs: [count, label],
      apiName: "step",
    });
    const wrong = listener(() => ["only one"] as unknown as [string, string], { outputs: [label, output], apiName: "wrong" });
    const { sink, submit, sessionOf } = setup([step, wrong], {}, {}, [label]);
    const first = submit("step", []) as string;
    await tick();
    const second = submit("step", []) as string;
    await tick();
    expect(sink.of(first).at(-1)).toEqual({ type: "complete", jobId: first, data: [{ __update__: { value: "count 1", visible: true } }] });
    expect(sink.of(second).at(-1)).toMatchObject({ data: [{ __update__: { value: "count 2" } }] });
    expect([...sessionOf("a").state.values()]).toEqual([2]);
    expect(sessionOf("b").state.get([...sessionOf("a").state.keys()][0]!)).toBe(0);
    const bad = submit("wrong", []) as string;
    await tick();
    expect(sink.of(bad).at(-1)).toMatchObject({ type: "error", error: { code: "handler", message: expect.stringMatching(/wrong returned an array of 1; its listener has 2 outputs/) } });
  });

  test("a streaming handler sends each value as partial, the last as complete, and holds its slot until it ends", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stream = listener(
      async function* (prompt: string) {
        yield `${prompt}.`;
        await gate;
        yield `${prompt}..`;
      },
      { inputs: [input], outputs: [output], apiName: "stream" },
    );
    const { sink, submit } = setup([stream]);
    const first = submit("stream", ["a"]) as string;
    const second = submit("stream", ["b"]) as string;
    await tick();
    expect(sink.types(first)).toEqual(["started", "partial"]);
    expect(sink.types(second)).toEqual(["queued"]);
    release();
    await tick();
    await tick();
    expect(sink.of(first).slice(1)).toEqual([
      { type: "partial", jobId: first, data: ["a."] },
      { type: "partial", jobId: first, data: ["a.."] },
      { type: "complete", jobId: first, data: ["a.."] },
    ]);
    expect(sink.types(second)).toEqual(["queued", "started", "partial", "partial", "complete"]);
  });

  test("close() refuses new jobs and drops waiting ones with server_stopping", async () => {
    const calls = new Calls();
    const { sink, submit, runtime, clock } = setup([work(calls, { apiName: "w" })]);
    submit("w", [1]);
    const waiting = submit("w", [2]) as string;
    runtime.close();
    expect(sink.of(waiting).at(-1)).toMatchObject({ error: { code: "server_stopping" } });
    expect((submit("w", [3]) as ErrorPayload).code).toBe("server_stopping");
    clock.advance(1000);
    expect(clock.pendingTimers).toBe(0);
  });
});
