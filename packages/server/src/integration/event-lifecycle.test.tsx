import {
  BarPlot,
  Blocks,
  BlockworkError,
  Button,
  Chatbot,
  Dataframe,
  Dropdown,
  listener,
  on,
  State,
  Textbox,
  Timer,
  update,
  type ChatMessage,
  type HandlerContext,
} from "@blockwork/core";
import { Client } from "@blockwork/client";
import { describe, expect, test } from "vitest";
import { dropProxy } from "./drop-proxy.ts";
import { collect, connect, Latch, later, Recorder, serve, sleep, track, until } from "./harness.ts";

/** Sleeps `ms`, or rejects as soon as `signal` aborts: how a handler that honours cancellation waits. */
const wait = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

const types = (events: readonly { type: string; code?: string }[]) => events.map((e) => (e.type === "error" ? `error:${e.code}` : e.type));

describe("streaming, progress and alerts through the client", () => {
  test("a generator streams a Chatbot's messages, growing the last one, then completes", async () => {
    const chat = Chatbot({ label: "Chat" });
    const message = Textbox({ label: "Message" });
    const reply = listener(
      async function* (text: string, history: ChatMessage[]): AsyncGenerator<ChatMessage[]> {
        const base: ChatMessage[] = [...history, { role: "user", content: text }];
        let out = "";
        for (const word of ["**Hello**", " there"]) yield [...base, { role: "assistant", content: (out += word) }];
      },
      { inputs: [message, chat], outputs: [chat], apiName: "reply" },
    );
    const { url } = await serve(<Blocks>{message}{chat}<Button onClick={reply}>Send</Button></Blocks>);
    const client = await connect(url);
    const events = await collect(client.submit("reply", ["hi", []]));
    expect(types(events)).toEqual(["started", "partial", "partial", "complete"]);
    expect(events.at(-1)).toEqual({
      type: "complete",
      data: [[{ role: "user", content: "hi" }, { role: "assistant", content: "**Hello** there" }]],
    });
  });

  test("progress reported 100,000 times reaches the client as a few messages a second, the last one whole", async () => {
    const text = Textbox();
    const count = listener(
      async (_t: string, ctx: HandlerContext) => {
        const total = 100_000;
        for (let i = 1; i <= total; i++) {
          ctx.progress([i, total], "Counting");
          if (i % 10_000 === 0) await sleep(40);
        }
        await sleep(150);
        return "done";
      },
      { inputs: [text], outputs: [text], apiName: "count" },
    );
    const { url } = await serve(<Blocks>{text}<Button onClick={count}>Go</Button></Blocks>);
    const client = await connect(url);
    const started = Date.now();
    const events = await collect(client.submit("count", [""]));
    const elapsed = Date.now() - started;
    const progress = events.filter((e) => e.type === "progress");
    // At most one per 100 ms interval (plus the leading one), however often the handler reported.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(progress.at(-1)).toEqual({ type: "progress", fraction: 1, done: 100_000, total: 100_000, desc: "Counting" });
    expect(events.at(-1)).toEqual({ type: "complete", data: ["done"] });
  });

  test("track() shows done/total; info, warning and success arrive as alerts while the job goes on; update() changes props", async () => {
    const text = Textbox();
    const hidden = Textbox({ label: "Details", visible: false });
    const steps = listener(
      async (t: string, ctx: HandlerContext) => {
        ctx.info("Starting");
        for await (const ch of ctx.track([...t], "Letters")) void ch;
        await sleep(150);
        ctx.warning("Nearly there");
        ctx.success("Done");
        return [t.toUpperCase(), update({ visible: true, label: "Shown", value: "ok" })] as [string, never];
      },
      { inputs: [text], outputs: [text, hidden], apiName: "steps" },
    );
    const { url } = await serve(<Blocks>{text}{hidden}<Button onClick={steps}>Go</Button></Blocks>);
    const client = await connect(url);
    const events = await collect(client.submit("steps", ["abc"]));
    expect(events.filter((e) => e.type === "alert")).toEqual([
      { type: "alert", level: "info", message: "Starting" },
      { type: "alert", level: "warning", message: "Nearly there" },
      { type: "alert", level: "success", message: "Done" },
    ]);
    expect(events.filter((e) => e.type === "progress").at(-1)).toEqual({ type: "progress", fraction: 1, done: 3, total: 3, desc: "Letters" });
    expect(events.at(-1)).toEqual({ type: "complete", data: ["ABC", { __update__: { visible: true, label: "Shown", value: "ok" } }] });
  });

  test("the context carries the session, the request's address and headers, and a select event's data", async () => {
    const choice = Dropdown({ choices: ["a", "b"], label: "Pick" });
    const seen: unknown[] = [];
    const picked = listener(
      (value: string | null, ctx: HandlerContext) => {
        seen.push({ session: ctx.session.id, ip: ctx.request.ip, host: ctx.request.headers.host, event: ctx.eventData });
        return value;
      },
      { inputs: [choice], outputs: [choice], apiName: "picked" },
    );
    const { url } = await serve(<Blocks>{choice}<Button onClick={picked}>Go</Button></Blocks>);
    const client = await connect(url);
    await client.submit("picked", ["b"], { eventData: { index: 1, value: "b", selected: true } }).result();
    expect(seen).toEqual([{ session: client.sessionId, ip: expect.stringMatching(/127\.0\.0\.1/), host: new URL(url).host, event: { index: 1, value: "b", selected: true } }]);
    const bad = await collect(client.submit("picked", ["a"], { eventData: { index: -1, value: "a", selected: true } }));
    expect(bad.at(-1)).toMatchObject({ type: "error", code: "validation" });
  });

  test("a Dataframe cell's and a plot point's select data reach the handler as the browser sends them", async () => {
    const table = Dataframe({ label: "Models", value: { headers: ["model", "score"], rows: [["a", 1], ["b", 2]] } });
    const plot = BarPlot({ label: "Scores", x: "model", y: "score" });
    const seen: unknown[] = [];
    const note = (ctx: HandlerContext): void => void seen.push(ctx.eventData);
    on(table, "select", listener(note, { apiName: "cell" }));
    on(plot, "select", listener(note, { apiName: "point" }));
    const { url } = await serve(<Blocks>{table}{plot}</Blocks>);
    const client = await connect(url);
    const cell = { kind: "cell", index: [1, 1], value: 2, row: ["b", 2], column: "score", selected: true } as const;
    const point = { kind: "point", index: 0, value: { model: "a", score: 1 }, selected: true } as const;
    await client.submit("cell", [], { eventData: cell }).result();
    await client.submit("point", [], { eventData: point }).result();
    expect(seen).toEqual([cell, point]);
    const bad = await collect(client.submit("cell", [], { eventData: { ...cell, row: [{ x: 1 }] } as never }));
    expect(bad.at(-1)).toMatchObject({ type: "error", code: "validation", message: expect.stringMatching(/join\.eventData\.row must be a string/) });
  });

  test("the listener's ETA is unknown before its first run and follows its run time after", async () => {
    const text = Textbox();
    const work = listener(async (t: string) => (await sleep(120), t), { inputs: [text], outputs: [text], apiName: "work" });
    const { url } = await serve(<Blocks>{text}<Button onClick={work}>Go</Button></Blocks>);
    const client = await connect(url);
    const first = await collect(client.submit("work", ["1"]));
    expect(first[0]).toEqual({ type: "started", eta: null });
    const [second, third] = await Promise.all([collect(client.submit("work", ["2"])), collect(client.submit("work", ["3"]))]);
    expect(second[0]).toMatchObject({ type: "started", eta: expect.any(Number) });
    expect((second[0] as { eta: number }).eta).toBeGreaterThanOrEqual(100);
    expect(third[0]).toMatchObject({ type: "queued", position: 0, eta: expect.any(Number) });
  });
});

describe("cancel and timeout through the client", () => {
  test("job.cancel() on a running generator: cancelled at once, the generator closed, the slot freed for the next job", async () => {
    const text = Textbox();
    const record = new Recorder();
    const gen = listener(
      async function* (t: string, ctx: HandlerContext) {
        record.start(t);
        try {
          for (let i = 0; i < 1000; i++) {
            yield `${t}${i}`;
            await wait(20, ctx.signal);
          }
        } finally {
          record.end(t);
        }
      },
      { inputs: [text], outputs: [text], apiName: "gen" },
    );
    const { url } = await serve(<Blocks>{text}<Button onClick={gen}>Go</Button></Blocks>);
    const client = await connect(url);
    const running = client.submit("gen", ["r"]);
    const nextJob = client.submit("gen", ["n"]);
    const next = track(nextJob);
    const runningEvents = track(running);
    await until(() => runningEvents.events.filter((e) => e.type === "partial").length >= 2);
    await running.cancel();
    expect(types(await runningEvents.done).at(-1)).toBe("error:cancelled");
    await until(() => next.events.some((e) => e.type === "partial"));
    expect(record.events.map((e) => `${e.type} ${e.label}`).slice(0, 3)).toEqual(["start r", "end r", "start n"]);
    await nextJob.cancel();
    await until(() => record.events.length === 4);
  });

  test("a waiting job cancelled never runs", async () => {
    const text = Textbox();
    const hold = new Latch();
    const record = new Recorder();
    const slow = listener((t: string) => record.around(t, async () => (await hold.opened, t)), { inputs: [text], outputs: [text], apiName: "slow" });
    const { url } = await serve(<Blocks>{text}<Button onClick={slow}>Go</Button></Blocks>);
    const client = await connect(url);
    const first = client.submit("slow", ["1"]);
    const waiting = client.submit("slow", ["2"]);
    await waiting.joined;
    await waiting.cancel();
    expect(types(await collect(waiting))).toEqual(["queued", "error:cancelled"]);
    hold.open();
    await first.result();
    await sleep(50);
    expect(record.started()).toEqual(["1"]);
  });

  test("a timeout ends the job with a timeout error and aborts its signal; the group never exceeds its limit", async () => {
    const text = Textbox();
    const record = new Recorder();
    const slow = listener(
      (t: string, ctx: HandlerContext) =>
        record.around(t, async () => {
          await wait(t === "slow" ? 5_000 : 10, ctx.signal).catch(() => undefined);
          return t;
        }),
      { inputs: [text], outputs: [text], apiName: "slow", timeout: 150 },
    );
    const { url } = await serve(<Blocks>{text}<Button onClick={slow}>Go</Button></Blocks>);
    const client = await connect(url);
    const started = Date.now();
    const [timedOut, quick] = await Promise.all([collect(client.submit("slow", ["slow"])), collect(client.submit("slow", ["quick"]))]);
    expect(timedOut.at(-1)).toEqual({ type: "error", code: "timeout", message: "slow ran longer than its 150 ms timeout and was stopped." });
    expect(quick.at(-1)).toEqual({ type: "complete", data: ["quick"] });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(record.maxConcurrent()).toBe(1);
  });
});

describe("batching through the client", () => {
  test("jobs from several clients run as one batch call, each getting its own result", async () => {
    const text = Textbox();
    const calls: string[][] = [];
    const upper = listener(
      async (texts: string[]) => {
        calls.push(texts);
        return [texts.map((t) => t.toUpperCase())] as [string[]];
      },
      { inputs: [text], outputs: [text], apiName: "upper", batch: true, maxBatchSize: 3, batchWaitMs: 300 },
    );
    const { url } = await serve(<Blocks>{text}<Button onClick={upper}>Go</Button></Blocks>);
    const clients = await Promise.all([connect(url), connect(url), connect(url), connect(url)]);
    const results = await Promise.all(clients.map((c, i) => c.predict("upper", [`job${i}`])));
    expect(results).toEqual([["JOB0"], ["JOB1"], ["JOB2"], ["JOB3"]]);
    expect(calls.map((c) => c.length).sort()).toEqual([1, 3]);
  });
});

describe("Timers and sessions through the client", () => {
  test("the server paces a Timer's ticks per session and skips them while the tick's job runs", async () => {
    const count = Textbox();
    const hold = new Latch();
    let runs = 0;
    const poll = listener(async () => {
      runs++;
      if (runs === 1) await hold.opened;
      return String(runs);
    }, { outputs: [count], apiName: "poll" });
    const timer = Timer({ intervalMs: 40, onTick: poll });
    const { url } = await serve(<Blocks>{timer}{count}</Blocks>);
    let ticks = 0;
    const client: Client = await Client.connect(url, {
      onTick: () => {
        ticks++;
        void client.predict("poll", []).catch(() => undefined);
      },
    });
    later(() => client.close());
    await until(() => ticks === 1);
    await sleep(300);
    // Seven intervals passed while the first tick's job ran: none of them ticked.
    expect(ticks).toBe(1);
    hold.open();
    await until(() => ticks >= 3);
    expect(runs).toBeGreaterThanOrEqual(2);
  });

  test("a running job survives a dropped connection: its result arrives after the session resumes", async () => {
    const text = Textbox();
    const hold = new Latch();
    const work = listener(async (t: string, ctx: HandlerContext) => {
      await hold.opened;
      ctx.info("finished while you were away");
      return t.toUpperCase();
    }, { inputs: [text], outputs: [text], apiName: "work" });
    const { url } = await serve(<Blocks>{text}<Button onClick={work}>Go</Button></Blocks>);
    const proxy = await dropProxy(url);
    const client = await connect(proxy.url);
    const job = track(client.submit("work", ["away"]));
    await until(() => job.events.some((e) => e.type === "started"));
    const sessionId = client.sessionId;
    proxy.drop();
    await sleep(100);
    hold.open();
    const events = await job.done;
    expect(client.sessionId).toBe(sessionId);
    expect(client.resumed).toBe(true);
    expect(types(events)).toEqual(["started", "alert", "complete"]);
    expect(events.at(-1)).toEqual({ type: "complete", data: ["AWAY"] });
  });

  test("a waiting job survives a dropped connection: it keeps its place and runs once the session is back", async () => {
    const text = Textbox();
    const record = new Recorder();
    const hold = new Latch();
    const work = listener((t: string) => record.around(t, async () => (await hold.opened, t)), { inputs: [text], outputs: [text], apiName: "work" });
    const { url } = await serve(<Blocks>{text}<Button onClick={work}>Go</Button></Blocks>);
    const first = await connect(url);
    const running = first.submit("work", ["first"]);
    await until(() => record.hasStarted("first"));
    const proxy = await dropProxy(url);
    const client = await connect(proxy.url);
    const job = track(client.submit("work", ["away"]));
    await until(() => job.events.some((e) => e.type === "queued"));
    proxy.drop();
    await until(() => client.resumed);
    hold.open();
    expect(await running.result()).toEqual(["first"]);
    const events = await job.done;
    expect(events.at(-1)).toEqual({ type: "complete", data: ["away"] });
    expect(record.started()).toEqual(["first", "away"]);
  });

  test("State is dropped a TTL after the tab is gone, and onUnload runs with it first", async () => {
    const visits = State({ n: 0 });
    const shown = Textbox();
    const unloaded: unknown[] = [];
    const visit = listener((s: { n: number }) => {
      const next = { n: s.n + 1 };
      return [next, String(next.n)] as [{ n: number }, string];
    }, { inputs: [visits], outputs: [visits, shown], apiName: "visit" });
    const bye = listener((s: { n: number }) => void unloaded.push(s), { inputs: [visits] });
    const { url } = await serve(<Blocks onUnload={bye}>{shown}<Button onClick={visit}>Visit</Button></Blocks>, { sessionTtlMs: 150 });
    const client = await connect(url);
    await client.predict("visit", []);
    await client.predict("visit", []);
    const refused = await collect(client.submit("bye", []));
    expect(refused.at(-1)).toMatchObject({ type: "error", code: "unknown_api" });
    client.close();
    await until(() => unloaded.length === 1);
    expect(unloaded).toEqual([{ n: 2 }]);
    const fresh = await connect(url, client.sessionId);
    expect(fresh.resumed).toBe(false);
    expect(await fresh.predict("visit", [])).toEqual(["1"]);
  });

  test("a BlockworkError from a handler after progress still ends the job with its message", async () => {
    const text = Textbox();
    const fail = listener((_t: string, ctx: HandlerContext) => {
      ctx.progress(0.5);
      throw new BlockworkError("Nope");
    }, { inputs: [text], outputs: [text], apiName: "fail" });
    const { url } = await serve(<Blocks>{text}<Button onClick={fail}>Go</Button></Blocks>);
    const client = await connect(url);
    const events = await collect(client.submit("fail", [""]));
    expect(events.at(-1)).toEqual({ type: "error", code: "handler", message: "Nope" });
  });
});
