import { Blocks, compile, listener, State, Textbox, Timer, type AnyComponent, type AnyListener, type HandlerContext } from "@blockwork/core";
import { describe, expect, test } from "vitest";
import { FakeClock } from "../testing/fake-clock.ts";
import { RecordingSink } from "../testing/recording-sink.ts";
import { QueueRuntime, type QueueRuntimeOptions } from "./queue-runtime.ts";
import { runtimeHarness } from "../testing/runtime-harness.ts";
import { TimerPacer } from "./timer-pacer.ts";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const input = Textbox();
const output = Textbox();

function setup(listeners: AnyListener[], options: Partial<QueueRuntimeOptions> = {}, extra: AnyComponent[] = []) {
  return runtimeHarness(listeners, { runtime: options, components: [input, output, ...extra] });
}

/** A promise the test resolves by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("progress and alerts", () => {
  test("100,000 progress reports in a loop cost one message per interval, the latest one", async () => {
    const first = deferred();
    const second = deferred();
    const work = listener(
      async (_t: string, ctx: HandlerContext) => {
        for (let i = 1; i <= 100_000; i++) ctx.progress([i, 100_000], "Counting");
        await first.promise;
        for (let i = 1; i <= 100_000; i++) ctx.progress(i / 100_000);
        await second.promise;
        return "done";
      },
      { inputs: [input], outputs: [output], apiName: "work" },
    );
    const { sink, submit, clock } = setup([work]);
    const id = submit("work", ["x"]);
    await tick();
    clock.advance(0);
    expect(sink.of(id).filter((m) => m.type === "progress")).toEqual([
      { type: "progress", jobId: id, fraction: 1, done: 100_000, total: 100_000, desc: "Counting" },
    ]);
    first.resolve();
    await tick();
    clock.advance(50);
    expect(sink.of(id).filter((m) => m.type === "progress")).toHaveLength(1);
    clock.advance(50);
    expect(sink.of(id).filter((m) => m.type === "progress").at(-1)).toEqual({ type: "progress", jobId: id, fraction: 1 });
    second.resolve();
    await tick();
    expect(sink.types(id)).toEqual(["started", "progress", "progress", "complete"]);
  });

  test("track() reports [done, total] per item; alerts go out at once and the job goes on", async () => {
    const go = deferred();
    const work = listener(
      async (text: string, ctx: HandlerContext) => {
        ctx.info("starting");
        let out = "";
        for await (const ch of ctx.track([...text], "Letters")) out += ch.toUpperCase();
        await go.promise;
        ctx.warning("almost");
        ctx.success("done");
        return out;
      },
      { inputs: [input], outputs: [output], apiName: "work" },
    );
    const { sink, submit, clock } = setup([work], { progressIntervalMs: 0 });
    const id = submit("work", ["abc"]);
    await tick();
    clock.advance(0);
    expect(sink.of(id).filter((m) => m.type === "progress")).toEqual([{ type: "progress", jobId: id, fraction: 1, done: 3, total: 3, desc: "Letters" }]);
    go.resolve();
    await tick();
    expect(sink.of(id).filter((m) => m.type === "alert").map((m) => m.type === "alert" && `${m.level}: ${m.message}`)).toEqual([
      "info: starting",
      "warning: almost",
      "success: done",
    ]);
    expect(sink.of(id).at(-1)).toEqual({ type: "complete", jobId: id, data: ["ABC"] });
  });
});

describe("cancel and timeout", () => {
  test("cancelling a running generator: cancelled at once, signal aborted, return() run, the slot freed only after", async () => {
    const events: string[] = [];
    const go = deferred();
    const gen = listener(
      async function* (t: string, ctx: HandlerContext) {
        events.push(`start ${t}`);
        ctx.signal.addEventListener("abort", () => events.push("aborted"));
        try {
          for (let i = 0; i < 3; i++) {
            yield `step ${i}`;
            await go.promise;
          }
        } finally {
          events.push(`finally ${t}`);
        }
      },
      { inputs: [input], outputs: [output], apiName: "gen" },
    );
    const { sink, submit, runtime } = setup([gen]);
    const first = submit("gen", ["a"]);
    const second = submit("gen", ["b"]);
    await tick();
    expect(sink.types(first)).toEqual(["started", "partial"]);
    expect(runtime.cancel(first, "session-a")).toEqual({ ok: true });
    expect(sink.of(first).at(-1)).toMatchObject({ type: "error", error: { code: "cancelled" } });
    expect(events).toEqual(["start a", "aborted"]);
    await tick();
    // The generator is parked at its await: return() runs once that step ends, and only then the slot frees.
    expect(sink.types(second)).toEqual(["queued"]);
    go.resolve();
    await tick();
    await tick();
    expect(events.slice(0, 4)).toEqual(["start a", "aborted", "finally a", "start b"]);
    expect(sink.types(second)).toContain("started");
    expect(sink.types(first)).toEqual(["started", "partial", "error"]);
  });

  test("a timeout ends the job with a clear error and aborts its signal; the slot frees when the handler settles", async () => {
    const settle = deferred<string>();
    let signal: AbortSignal | undefined;
    const slow = listener(
      (_t: string, ctx: HandlerContext) => {
        signal = ctx.signal;
        return settle.promise;
      },
      { inputs: [input], outputs: [output], apiName: "slow", timeout: 1000 },
    );
    const { sink, submit, clock } = setup([slow]);
    const id = submit("slow", ["a"]);
    const next = submit("slow", ["b"]);
    await tick();
    clock.advance(999);
    expect(sink.types(id)).toEqual(["started"]);
    clock.advance(1);
    expect(sink.of(id).at(-1)).toEqual({
      type: "error",
      jobId: id,
      error: { code: "timeout", message: "slow ran longer than its 1000 ms timeout and was stopped." },
    });
    expect(signal?.aborted).toBe(true);
    expect(sink.types(next)).toEqual(["queued"]);
    settle.resolve("late");
    await tick();
    expect(sink.types(id)).toEqual(["started", "error"]);
    expect(sink.types(next)[1]).toBe("started");
  });
});

describe("batching", () => {
  test("waiting jobs of a batch listener run as one call of up to maxBatchSize, results split per job", async () => {
    const calls: string[][] = [];
    const gate = deferred();
    const upper = listener(
      async (texts: string[]) => {
        calls.push(texts);
        await gate.promise;
        return [texts.map((t) => t.toUpperCase())] as [string[]];
      },
      { inputs: [input], outputs: [output], apiName: "upper", batch: true, maxBatchSize: 3 },
    );
    const { sink, submit } = setup([upper]);
    const ids = ["a", "b", "c", "d", "e"].map((x, i) => submit("upper", [x], `owner${i}`));
    await tick();
    expect(calls).toEqual([["a"]]);
    gate.resolve();
    await tick();
    await tick();
    expect(calls).toEqual([["a"], ["b", "c", "d"], ["e"]]);
    expect(ids.map((id) => sink.of(id).at(-1))).toEqual(ids.map((id, i) => ({ type: "complete", jobId: id, data: ["abcde"[i]!.toUpperCase()] })));
  });

  test("batchWaitMs holds a slot for a batch to fill; cancelling one job leaves the others in the batch", async () => {
    const calls: string[][] = [];
    const upper = listener((texts: string[]) => (calls.push(texts), [texts.map((t) => t.toUpperCase())] as [string[]]), {
      inputs: [input],
      outputs: [output],
      apiName: "upper",
      batch: true,
      batchWaitMs: 50,
    });
    const { sink, submit, clock, runtime } = setup([upper]);
    const a = submit("upper", ["a"], "x");
    const b = submit("upper", ["b"], "y");
    const c = submit("upper", ["c"], "z");
    expect(runtime.cancel(b, "session-y")).toEqual({ ok: true });
    clock.advance(49);
    await tick();
    expect(calls).toEqual([]);
    clock.advance(1);
    await tick();
    expect(calls).toEqual([["a", "c"]]);
    expect(sink.of(a).at(-1)).toMatchObject({ type: "complete", data: ["A"] });
    expect(sink.of(c).at(-1)).toMatchObject({ type: "complete", data: ["C"] });
    expect(sink.types(b)).toEqual(["error"]);
    expect(runtime.stats()).toMatchObject({ waiting: 0, running: 0 });
  });

  test("a batch handler reports progress and alerts to every job, or to one job through ctx.jobs", async () => {
    const upper = listener(
      (texts: string[], ctx) => {
        ctx.progress(0.5, "half");
        ctx.jobs[1]!.info(`only for ${texts[1]}`);
        return [texts] as [string[]];
      },
      { inputs: [input], outputs: [output], apiName: "upper", batch: true, batchWaitMs: 10 },
    );
    const { sink, submit, clock } = setup([upper]);
    const a = submit("upper", ["a"], "x");
    const b = submit("upper", ["b"], "y");
    clock.advance(10);
    await tick();
    clock.advance(0);
    expect(sink.types(a)).toEqual(["started", "complete"]);
    expect(sink.types(b)).toEqual(["started", "alert", "complete"]);
  });
});

describe("sessions", () => {
  test("a dropped connection's running job keeps its messages and delivers them when the session reconnects; its waiting job runs then", async () => {
    const go = deferred();
    const work = listener(
      async (t: string, ctx: HandlerContext) => {
        ctx.info("one");
        await go.promise;
        ctx.info("two");
        return t;
      },
      { inputs: [input], outputs: [output], apiName: "work" },
    );
    const { sink, submit, runtime } = setup([work]);
    const id = submit("work", ["r"], "socket1");
    const waiting = submit("work", ["w"], "socket1");
    await tick();
    runtime.detach("socket1");
    go.resolve();
    await tick();
    expect(sink.sent.filter((s) => s.message.jobId === id).map((s) => s.message.type)).toEqual(["started", "alert"]);
    // The slot is free, but the waiting job's session is away: it is passed over, not run for nobody.
    expect(sink.types(waiting)).toEqual(["queued"]);
    runtime.reattach("session-socket1", "socket2");
    expect(sink.sent.filter((s) => s.owner === "socket2").map((s) => [s.message.jobId, s.message.type])).toEqual([
      [id, "alert"],
      [id, "complete"],
      [waiting, "queued"],
      [waiting, "started"],
    ]);
  });

  test("when a session ends, its detached jobs are cancelled and its onUnload listeners run with its State", async () => {
    const saved = State({ visits: 3 });
    const seen: unknown[] = [];
    const bye = listener((s: { visits: number }) => void seen.push(s), { inputs: [saved], apiName: "bye" });
    const compiled = compile(Blocks({ onUnload: bye, children: [input] }));
    const clock = new FakeClock();
    const runtime = new QueueRuntime({ compiled, sink: new RecordingSink(), logger: { error: () => {}, warn: () => {} }, clock });
    runtime.endSession({ id: "s", state: new Map([[2, { visits: 7 }]]) });
    await tick();
    expect(seen).toEqual([{ visits: 7 }]);
  });
});

describe("TimerPacer", () => {
  test("ticks each connected session every interval, skips while its tick job is pending, and follows update()", async () => {
    const clock = new FakeClock();
    const timer = Timer({ intervalMs: 100, onTick: listener(() => {}, { apiName: "poll" }) });
    const { config } = compile(Blocks({ children: [timer] }));
    let pending = false;
    const ticks: string[] = [];
    const pacer = new TimerPacer({ config, clock, isPending: () => pending, tick: (c, id) => ticks.push(`${c}:${id}`) });
    pacer.attach("s", "c1");
    clock.advance(100);
    expect(ticks).toEqual(["c1:1"]);
    // The tab has not joined yet: no second tick on top of the first.
    clock.advance(100);
    expect(ticks).toHaveLength(1);
    pacer.joined("s", 0);
    pending = true;
    clock.advance(300);
    expect(ticks).toHaveLength(1);
    expect(pacer.skipped).toBe(4);
    pending = false;
    clock.advance(100);
    expect(ticks).toHaveLength(2);
    pacer.update("s", 1, { active: false });
    pacer.joined("s", 0);
    clock.advance(1000);
    expect(ticks).toHaveLength(2);
    pacer.update("s", 1, { active: true, intervalMs: 500 });
    clock.advance(499);
    expect(ticks).toHaveLength(2);
    clock.advance(1);
    expect(ticks).toHaveLength(3);
    pacer.detach("s", "c1");
    expect(clock.pendingTimers).toBe(0);
  });
});
