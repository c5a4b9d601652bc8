import { Blocks, Button, Dropdown, FileBox, listener, NumberBox, State, Textbox, Timer, update, type FileValue, type HandlerContext } from "@blockwork/core";
import { Client, handleFile } from "@blockwork/client";
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { redisForTest, serveCluster } from "./cluster-harness.ts";
import { connect, later, Latch, Recorder, serve, sleep, tempCacheDir, track, until } from "./harness.ts";

/**
 * One limit-1 listener whose jobs wait (after recording their start) at their own gate if `gates` has one for
 * their input, else at `hold`, or until cancelled; each server of the cluster names itself in the answer, and in
 * `ranOn` by input.
 */
function heldApp(record: Recorder, hold: Latch, gates = new Map<string, Latch>(), ranOn = new Map<string, number>()) {
  return (server: number) => {
    const text = Textbox();
    const work = listener(
      (t: string, ctx: HandlerContext) =>
        record.around(t, async () => {
          ranOn.set(t, server);
          const aborted = new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve("aborted")));
          const how = await Promise.race([(gates.get(t) ?? hold).opened.then(() => "done"), aborted]);
          return `${t} ${how} on ${server} in slot ${ctx.slotIndex}`;
        }),
      { inputs: [text], outputs: [text], apiName: "work", concurrencyLimit: 1 },
    );
    return (
      <Blocks>
        {text}
        <Button onClick={work}>Go</Button>
      </Blocks>
    );
  };
}

describe("a cluster on Redis (servers in one process, each with its own store, as separate processes)", () => {
  test("a slot freed on one process goes to the process that submitted the next job, which runs it; its client hears it all", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { servers } = await serveCluster(heldApp(record, hold), 2);
    const [onA, onB] = [await connect(servers[0]!.url), await connect(servers[1]!.url)];
    const first = track(onA.submit("work", ["first"]));
    await until(() => record.hasStarted("first"));
    const second = track(onB.submit("work", ["second"]));
    await until(() => second.events.some((e) => e.type === "queued"));
    expect(second.events[0]).toMatchObject({ type: "queued", position: 0, queueSize: 1 });
    hold.open();
    expect((await first.done).at(-1)).toEqual({ type: "complete", data: ["first done on 0 in slot 0"] });
    // Process 0 freed the slot; the head of the queue was submitted on process 1, which got the slot.
    expect((await second.done).map((e) => e.type).filter((type, i, all) => type !== all[i - 1])).toEqual(["queued", "started", "complete"]);
    expect(second.events.at(-1)).toEqual({ type: "complete", data: ["second done on 1 in slot 0"] });
    expect(record.maxConcurrent()).toBe(1);
  });

  test("a waiting job keeps its place when its connection moves to another process, and runs once it is back", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { servers, proxy, proxyUrl } = await serveCluster(heldApp(record, hold), 2);
    const [a, b] = servers.map((s) => s.server.port) as [number, number];
    const owner = await connect(servers[0]!.url);
    const first = track(owner.submit("work", ["first"]));
    await until(() => record.hasStarted("first"));
    proxy.setBackends([b]);
    const mover = await connect(proxyUrl);
    const moving = track(mover.submit("work", ["moving"]));
    await until(() => moving.events.some((e) => e.type === "queued"));
    const sessionId = mover.sessionId;
    proxy.setBackends([a]);
    proxy.drop();
    await until(() => mover.resumed);
    expect(mover.sessionId).toBe(sessionId);
    hold.open();
    await first.done;
    const events = await moving.done;
    expect(events.at(-1)).toMatchObject({ type: "complete", data: [expect.stringMatching(/^moving done on \d in slot 0$/)] });
    expect(record.started()).toEqual(["first", "moving"]);
  });

  test("a waiting job whose session is back nowhere within the grace period never runs", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { servers } = await serveCluster(heldApp(record, hold), 2, { waitingGraceMs: 200 });
    const owner = await connect(servers[0]!.url);
    const first = track(owner.submit("work", ["first"]));
    await until(() => record.hasStarted("first"));
    const leaving = await connect(servers[1]!.url);
    const left = track(leaving.submit("work", ["left"]));
    await until(() => left.events.some((e) => e.type === "queued"));
    const behind = track(owner.submit("work", ["behind"]));
    await until(() => behind.events.some((e) => e.type === "queued" && e.position === 1));
    leaving.close();
    // It leaves the queue once the grace period is over: the job behind it moves up.
    await until(() => behind.events.some((e) => e.type === "queued" && e.position === 0));
    hold.open();
    await first.done;
    expect((await behind.done).at(-1)).toMatchObject({ type: "complete" });
    expect(record.started()).toEqual(["first", "behind"]);
  });

  test("cancel sent to the process a client is on reaches its job running on another: signal aborted, slot freed", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const blockerGate = new Latch();
    const ranOn = new Map<string, number>();
    const { servers, proxy, proxyUrl } = await serveCluster(heldApp(record, hold, new Map([["blocker", blockerGate]]), ranOn), 2);
    const [a, b] = servers.map((s) => s.server.port) as [number, number];
    const onA = await connect(servers[0]!.url);
    const blocker = track(onA.submit("work", ["blocker"]));
    await until(() => record.hasStarted("blocker"));
    proxy.setBackends([b]);
    const mover = await connect(proxyUrl);
    const target = mover.submit("work", ["target"]);
    const targetEvents = track(target);
    await until(() => targetEvents.events.some((e) => e.type === "queued"));
    // The client moves to process 0; its job, submitted on process 1, runs there when process 0 frees the slot.
    proxy.setBackends([a]);
    proxy.drop();
    await until(() => mover.resumed);
    blockerGate.open();
    await blocker.done;
    await until(() => targetEvents.events.some((e) => e.type === "started"));
    expect(ranOn.get("target")).toBe(1);
    await target.cancel();
    expect((await targetEvents.done).at(-1)).toMatchObject({ type: "error", code: "cancelled" });
    const after = track(mover.submit("work", ["after"]));
    await until(() => record.hasStarted("after"));
    expect(record.events.filter((e) => e.label === "target").map((e) => e.type)).toEqual(["start", "end"]);
    hold.open();
    expect((await after.done).at(-1)).toMatchObject({ type: "complete", data: ["after done on 0 in slot 0"] });
    expect(record.maxConcurrent()).toBe(1);
  });

  test("a job a web process left for workers when none is running ends with a clear error instead of hanging", async () => {
    const record = new Recorder();
    const { servers } = await serveCluster(heldApp(record, new Latch()), 1, { role: "web", leaseMs: 300 });
    const client = await connect(servers[0]!.url);
    const events = await track(client.submit("work", ["nobody"])).done;
    expect(events.at(-1)).toMatchObject({ type: "error", code: "unavailable" });
    expect(record.started()).toEqual([]);
  });

  test("a file uploaded to a web process is read by the job that runs on a worker, whose file output the web process serves", async () => {
    // The same app on both processes; each handler names the process it runs in.
    const app = (where: string) => {
      const upload = FileBox({ label: "Upload" });
      const shouted = FileBox({ label: "Shouted" });
      const summary = Textbox();
      const shout = listener(
        async (file: FileValue | null): Promise<[Uint8Array, string]> => {
          const text = await readFile(file!.path, "utf8");
          return [new TextEncoder().encode(text.toUpperCase()), `${file!.name}: ${file!.size} bytes, read on the ${where}`];
        },
        { inputs: [upload], outputs: [shouted, summary], apiName: "shout" },
      );
      return (
        <Blocks>
          {upload}
          {shouted}
          {summary}
          <Button onClick={shout}>Shout</Button>
        </Blocks>
      );
    };
    const redis = await redisForTest();
    // One volume (here one folder) that both processes mount, as `sharedCache` asks.
    const cacheDir = tempCacheDir();
    const web = await serve(app("web"), { redis: redis.url, role: "web", cacheDir });
    await serve(app("worker"), { redis: redis.url, role: "worker", cacheDir });
    const client = await connect(web.url);
    const [output, text] = (await client.predict("shout", [handleFile(new Blob(["quiet words"], { type: "text/plain" }))])) as [FileValue, string];
    expect(text).toBe("blob: 11 bytes, read on the worker");
    const served = await fetch(new URL(output.url, web.url));
    expect(served.status).toBe(200);
    expect(await served.text()).toBe("QUIET WORDS");
  });

  test("State follows a session to another process", async () => {
    const count = State({ n: 0 });
    const shown = NumberBox();
    const increment = listener(
      (state: { n: number }) => {
        const next = { n: state.n + 1 };
        return [next, next.n] as [{ n: number }, number];
      },
      { inputs: [count], outputs: [count, shown], apiName: "increment" },
    );
    const app = (
      <Blocks>
        {shown}
        <Button onClick={increment}>+1</Button>
      </Blocks>
    );
    const { servers } = await serveCluster(() => app, 2);
    const onA = await connect(servers[0]!.url);
    expect(await onA.predict("increment", [])).toEqual([1]);
    expect(await onA.predict("increment", [])).toEqual([2]);
    const sessionId = onA.sessionId;
    onA.close();
    const onB = await connect(servers[1]!.url, sessionId);
    expect(onB.resumed).toBe(true);
    expect(await onB.predict("increment", [])).toEqual([3]);
  });

  test("choices a handler gave a session's Dropdown follow the session to another process", async () => {
    const size = Dropdown({ label: "Size", choices: ["S", "M"] });
    const widen = listener(() => update({ choices: ["S", "M", "XL"] }), { outputs: [size], apiName: "widen" });
    const picked = Textbox();
    const pick = listener((s: string | null) => `picked ${s}`, { inputs: [size], outputs: [picked], apiName: "pick" });
    const app = (
      <Blocks>
        {size}
        {picked}
        <Button onClick={widen}>Widen</Button>
        <Button onClick={pick}>Pick</Button>
      </Blocks>
    );
    const { servers } = await serveCluster(() => app, 2);
    const onA = await connect(servers[0]!.url);
    await onA.predict("widen", []);
    const sessionId = onA.sessionId;
    onA.close();
    const onB = await connect(servers[1]!.url, sessionId);
    expect(await onB.predict("pick", ["XL"])).toEqual(["picked XL"]);
  });

  test("a Timer a handler started for a session keeps ticking after the session moves to another process", async () => {
    const timer = Timer({ intervalMs: 60_000, active: false, onTick: listener(() => {}, { apiName: "tick" }) });
    const start = listener(() => update({ value: 50, active: true }), { outputs: [timer], apiName: "start" });
    const app = (
      <Blocks>
        {timer}
        <Button onClick={start}>Start</Button>
      </Blocks>
    );
    const { servers } = await serveCluster(() => app, 2);
    // As a tab does, both connections ask for the session's ticks.
    const onA = await Client.connect(servers[0]!.url, { onTick: () => {} });
    await onA.predict("start", []);
    const sessionId = onA.sessionId;
    onA.close();
    let ticks = 0;
    const onB = await Client.connect(servers[1]!.url, { sessionId, onTick: () => void ticks++ });
    later(() => onB.close());
    expect(onB.resumed).toBe(true);
    await until(() => ticks >= 2);
  });

  test("a login made on one process is valid on every other, and a logout on any ends it everywhere", async () => {
    const text = Textbox();
    const echo = listener((t: string, ctx: HandlerContext) => `${ctx.session.username}: ${t}`, { inputs: [text], outputs: [text], apiName: "echo" });
    const app = (
      <Blocks>
        {text}
        <Button onClick={echo}>Echo</Button>
      </Blocks>
    );
    const { servers } = await serveCluster(() => app, 2, { auth: [["ada", "lovelace"]] });
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const loggedIn = await fetch(`${a}login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "ada", password: "lovelace" }) });
    const cookie = loggedIn.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${b}config`, { headers: { cookie } })).status).toBe(200);
    const onB = await connect(b, undefined, ["ada", "lovelace"]);
    expect(await onB.predict("echo", ["hi"])).toEqual(["ada: hi"]);
    await fetch(`${b}logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    expect((await fetch(`${a}config`, { headers: { cookie } })).status).toBe(401);
  });

  test("Redis stopped, then started empty: clear errors while it is down, its jobs ended, service after; no process exits", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { servers, redis } = await serveCluster(heldApp(record, hold), 2, { leaseMs: 600 });
    const [onA, onB] = [await connect(servers[0]!.url), await connect(servers[1]!.url)];
    const running = track(onA.submit("work", ["running"]));
    await until(() => record.hasStarted("running"));
    const waiting = track(onB.submit("work", ["waiting"]));
    await until(() => waiting.events.some((e) => e.type === "queued"));
    await redis.stop();
    const refused = await track(onA.submit("work", ["while down"])).done;
    expect(refused.at(-1)).toMatchObject({ type: "error", code: "unavailable", message: expect.stringMatching(/queue is unavailable/) });
    await redis.start();
    // The restarted Redis holds nothing: the jobs it held end with an error instead of hanging.
    expect((await running.done).at(-1)).toMatchObject({ type: "error", code: "unavailable" });
    expect((await waiting.done).at(-1)).toMatchObject({ type: "error", code: "unavailable" });
    hold.open();
    // Service comes back by itself, once the processes' connections to Redis have: a new job runs.
    const deadline = Date.now() + 10_000;
    let after: unknown[] | undefined;
    while (after === undefined && Date.now() < deadline) after = await onB.predict("work", ["after"]).catch(() => sleep(50).then(() => undefined));
    expect(after).toEqual([expect.stringMatching(/^after done on \d in slot 0$/)]);
    for (const { url } of servers) expect((await fetch(`${url}config`)).status).toBe(200);
  });
});
