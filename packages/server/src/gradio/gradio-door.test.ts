import { describe, expect, test } from "vitest";
import cluster from "../../../../demos/cluster/app.tsx";
import hello from "../../../../demos/hello/app.tsx";
import { redisForTest, serveCluster } from "../integration/cluster-harness.ts";
import { serve } from "../integration/harness.ts";
import { readSse, type SseEvent } from "../testing/read-sse.ts";

/** `POST gradio_api/queue/join` as Gradio's client sends it: the event id. */
async function join(url: string, sessionHash: string, fnIndex: number, data: unknown[]): Promise<string> {
  const res = await fetch(new URL("gradio_api/queue/join", url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ data, fn_index: fnIndex, session_hash: sessionHash, event_data: null, trigger_id: null }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { event_id: string }).event_id;
}

/** The session's `queue/data` stream, read until the server closes it; `seen` fills meanwhile. */
async function data(url: string, sessionHash: string, seen: SseEvent[] = []): Promise<SseEvent[]> {
  return readSse(await fetch(new URL(`gradio_api/queue/data?session_hash=${sessionHash}`, url)), seen);
}

const messages = (seen: readonly SseEvent[]) => seen.map((e) => e.data as { msg: string; event_id: string | null } & Record<string, unknown>);

const gates = (url: string) => ({
  release: () => fetch(new URL("__test/release", url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: 1 }) }),
  held: async () => ((await (await fetch(new URL("__test/record", url))).json()) as { held: number }).held,
});

describe("the Gradio door with the Redis queue", () => {
  test("a join on one process is streamed on another, with its place behind another process's job, its start and its result", async () => {
    const { servers } = await serveCluster(() => cluster, 2, { testGates: true });
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const fnIndex = ((await (await fetch(new URL("config", a))).json()) as { dependencies: { id: number; apiName: string }[] }).dependencies.find((d) => d.apiName === "generate")!.id;
    const first = await join(a, "first-client", fnIndex, ["first"]);
    await expect.poll(gates(a).held).toBe(1);
    const second = await join(b, "second-client", fnIndex, ["second"]);
    const seen: SseEvent[] = [];
    // As a balancer with no stickiness may send it: the stream opens on the process that did not take the join.
    const secondStream = data(a, "second-client", seen);
    await expect.poll(() => messages(seen).map((m) => m.msg)).toContain("estimation");
    expect(messages(seen).find((m) => m.msg === "estimation")).toMatchObject({ event_id: second, rank: 0, queue_size: 1 });

    await gates(a).release();
    const firstMessages = messages(await data(b, "first-client"));
    expect(firstMessages.at(-2)).toMatchObject({ msg: "process_completed", event_id: first, success: true, output: { data: [expect.stringMatching(/^first, made by/)] } });
    expect(firstMessages.at(-1)).toEqual({ msg: "close_stream", event_id: null });

    const holders = async () => (await Promise.all([a, b].map((url) => gates(url).held()))).map((held, i) => (held > 0 ? i : -1)).filter((i) => i >= 0);
    await expect.poll(holders, { timeout: 10_000 }).toHaveLength(1);
    await gates([a, b][(await holders())[0]!]!).release();
    const secondMessages = messages(await secondStream);
    // Estimations as its place or the queue's size changed (it stayed first), then its start and result.
    const estimations = secondMessages.filter((m) => m.msg === "estimation");
    expect(estimations.map((m) => m.rank)).toEqual(estimations.map(() => 0));
    expect(secondMessages.slice(estimations.length).map((m) => m.msg)).toEqual(["process_starts", "process_completed", "close_stream"]);
    expect(secondMessages.at(-2)).toMatchObject({ event_id: second, success: true, output: { data: [expect.stringMatching(/^second, made by/)] } });
  });

  test("a cancel sent to another process than the join's takes a waiting job out of the queue; the running one is untouched", async () => {
    const { servers } = await serveCluster(() => cluster, 2, { testGates: true });
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const fnIndex = ((await (await fetch(new URL("config", a))).json()) as { dependencies: { id: number; apiName: string }[] }).dependencies.find((d) => d.apiName === "generate")!.id;
    await join(a, "running-client", fnIndex, ["running"]);
    await expect.poll(gates(a).held).toBe(1);
    const waiting = await join(a, "waiting-client", fnIndex, ["waiting"]);
    const seen: SseEvent[] = [];
    const waitingStream = data(a, "waiting-client", seen);
    await expect.poll(() => messages(seen).map((m) => m.msg)).toContain("estimation");
    const cancelled = await fetch(new URL("gradio_api/cancel", b), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session_hash: "waiting-client", event_id: waiting, fn_index: fnIndex }),
    });
    expect(await cancelled.json()).toEqual({ success: true });
    expect(messages(await waitingStream).at(-2)).toMatchObject({ msg: "process_completed", event_id: waiting, success: false, output: { error: "The job was cancelled." } });
    expect(await gates(a).held()).toBe(1);
    await gates(a).release();
    const running = messages(await data(b, "running-client"));
    expect(running.at(-2)).toMatchObject({ msg: "process_completed", success: true, output: { data: [expect.stringMatching(/^running, made by/)] } });
  });

  test("a --role web process's callers get the answers of jobs that run on a --role worker: queue/join and /run", async () => {
    const redis = await redisForTest();
    const web = await serve(hello, { redis: redis.url, role: "web" });
    await serve(hello, { redis: redis.url, role: "worker" });
    const fnIndex = ((await (await fetch(new URL("config", web.url))).json()) as { dependencies: { id: number; apiName: string }[] }).dependencies.find((d) => d.apiName === "greet")!.id;
    const joined = await join(web.url, "web-client", fnIndex, ["Ada"]);
    const streamed = messages(await data(web.url, "web-client"));
    expect(streamed.at(-2)).toMatchObject({ msg: "process_completed", event_id: joined, success: true, output: { data: ["Hello, Ada!"] } });
    const run = await fetch(new URL("gradio_api/run/greet", web.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ data: ["Grace"] }) });
    expect(await run.json()).toMatchObject({ data: ["Hello, Grace!"] });
  });
});
