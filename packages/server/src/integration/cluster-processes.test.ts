import type { JobEvent } from "@blockwork/client";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { GateEvent, GateRecord } from "../testing/test-gates.ts";
import { spawnCli, type RunningCli } from "../testing/spawn-cli.ts";
import { startRoundRobinProxy } from "../testing/round-robin-proxy.ts";
import { redisForTest } from "./cluster-harness.ts";
import { connect, later, sleep, track, until } from "./harness.ts";

const fixture = fileURLToPath(new URL("./fixtures/cluster-app.tsx", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/blockwork.js", import.meta.url));

/** `blockwork run` on the fixture with these extra arguments; SIGKILLed after the test. */
async function runFixture(args: readonly string[], env: Record<string, string> = {}, ready?: RegExp): Promise<RunningCli> {
  const run = await spawnCli([process.execPath, bin, "run", fixture, "--port", "0", "--host", "127.0.0.1", ...args], { env, ...(ready ? { ready } : {}) });
  later(async () => {
    run.kill("SIGKILL");
    await run.exited;
  });
  return run;
}

/** Real CLI processes of one app on one Redis, with test gates, behind a round-robin proxy with no stickiness. */
async function startProcesses(count: number, env: Record<string, string> = {}) {
  const redis = await redisForTest();
  const nodes: { run: RunningCli; url: string; port: number }[] = [];
  for (let i = 0; i < count; i++) {
    const run = await runFixture(["--redis", redis.url], { BLOCKWORK_TEST_GATES: "1", ...env });
    nodes.push({ run, url: run.url, port: Number(new URL(run.url).port) });
  }
  const proxy = await startRoundRobinProxy(nodes.map((n) => n.port));
  later(() => proxy.close());
  const killed = new Set<(typeof nodes)[number]>();
  const alive = () => nodes.filter((n) => !killed.has(n));
  return {
    nodes,
    proxyUrl: `http://127.0.0.1:${proxy.port}/`,
    /**
     * A client connected through a proxy of its own that sends it to process `index` first and to any live
     * process after, as a balancer with health checks would: a reconnect after that process died lands elsewhere.
     */
    async clientOn(index: number) {
      const own = await startRoundRobinProxy([nodes[index]!.port]);
      later(() => own.close());
      const client = await connect(`http://127.0.0.1:${own.port}/`);
      own.setBackends(nodes.map((n) => n.port));
      return client;
    },
    kill(index: number) {
      killed.add(nodes[index]!);
      nodes[index]!.run.kill("SIGKILL");
    },
    /** Every live process's gate record, by process index. */
    async records(): Promise<Map<number, GateRecord>> {
      const entries = await Promise.all(
        alive().map(async (n) => [nodes.indexOf(n), (await (await fetch(`${n.url}__test/record`)).json()) as GateRecord] as const),
      );
      return new Map(entries);
    },
    /** Releases one job held at a gate, on process `only` or whichever process holds one; false if none does. */
    async releaseOne(only?: number): Promise<boolean> {
      for (const [index, record] of await this.records()) {
        if (only !== undefined && index !== only) continue;
        if (record.held === 0) continue;
        const answer = (await (await fetch(`${nodes[index]!.url}__test/release`, { method: "POST", body: "{}" })).json()) as { released: number };
        if (answer.released > 0) return true;
      }
      return false;
    },
    /** Start and end events of every live process, in time order, with the process that recorded them. */
    async events(): Promise<(GateEvent & { process: number })[]> {
      const all = [...(await this.records())].flatMap(([process, record]) => record.events.map((e) => ({ ...e, process })));
      return all.sort((a, b) => a.at - b.at);
    },
  };
}

/** Resolves once `condition` answers true, asking again every few ms (its answer comes from other processes). */
async function untilAsync(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

function maxConcurrent(events: readonly GateEvent[]): number {
  let running = 0;
  let max = 0;
  for (const e of events) max = Math.max(max, (running += e.type === "start" ? 1 : -1));
  return max;
}

const positions = (events: readonly JobEvent[]) => events.flatMap((e) => (e.type === "queued" ? [e.position] : []));

describe("a cluster of real processes on Redis", () => {
  test("three processes behind a plain round-robin proxy share one limit-2 queue: exact limit, global FIFO, positions counted across processes", async () => {
    const cluster = await startProcesses(3);
    const clients = [];
    for (let i = 0; i < 30; i++) clients.push(await connect(cluster.proxyUrl));
    const jobs: ReturnType<typeof track>[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const job = clients[i]!.submit("work", [`j${i}`]);
      await job.joined;
      ids.push(job.id!);
      jobs.push(track(job));
    }
    // Every waiting job's first position counts the jobs ahead of it in every process.
    await until(() => jobs.slice(2).every((job) => job.events.some((e) => e.type === "queued")), 10_000);
    expect(jobs.slice(2).map((job) => positions(job.events)[0])).toEqual(Array.from({ length: 28 }, (_, i) => i));
    // Released one at a time, from whichever process holds a job at its gate; after each, every waiting client's
    // position (derived from its own process's updates) falls to its true rank before the next release.
    const last = (job: (typeof jobs)[number]) => job.events.at(-1);
    for (let released = 1; released <= 30; released++) {
      await untilAsync(() => cluster.releaseOne());
      await until(() => jobs.filter((job) => last(job)?.type === "complete").length === released, 10_000);
      const started = Math.min(30, released + 2);
      await until(() => jobs.slice(started).every((job, i) => last(job)?.type === "queued" && positions(job.events).at(-1) === i), 10_000);
    }
    const results = await Promise.all(jobs.map((job) => job.done));
    results.forEach((events, i) => expect(events.at(-1)).toMatchObject({ type: "complete", data: [expect.stringMatching(new RegExp(`^j${i} on \\d+ in slot [01]$`))] }));
    const events = await cluster.events();
    expect(maxConcurrent(events)).toBe(2);
    const starts = events.filter((e) => e.type === "start");
    expect(starts.map((e) => ids.indexOf(e.jobId))).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // Jobs ran in more than one process, and every job once.
    expect(new Set(starts.map((e) => e.process)).size).toBeGreaterThan(1);
    expect(new Set(starts.map((e) => e.jobId)).size).toBe(30);
    for (const job of jobs.slice(2)) {
      const seen = positions(job.events);
      expect(seen.every((p, i) => i === 0 || p <= seen[i - 1]!)).toBe(true);
      expect(seen.at(-1)).toBe(0);
    }
  }, 60_000);

  test("SIGKILL the process running a job: its client gets an error, its slot comes back, the dead process's clients reconnect elsewhere and their waiting jobs run, no job twice", async () => {
    const cluster = await startProcesses(2, { CLUSTER_TEST_LEASE_MS: "1500" });
    const [doomed, survivor, alsoDoomed] = [await cluster.clientOn(0), await cluster.clientOn(1), await cluster.clientOn(0)];
    const lost = track(doomed.submit("block", ["0"]));
    await untilAsync(async () => (await cluster.records()).get(0)!.held === 1);
    const firstJob = survivor.submit("block", ["1"]);
    const first = track(firstJob);
    await until(() => first.events.some((e) => e.type === "queued"));
    const secondJob = alsoDoomed.submit("block", ["2"]);
    const second = track(secondJob);
    await until(() => second.events.some((e) => e.type === "queued"));
    cluster.kill(0);
    // The job that was running there ends with a clear error (its process is gone), not a hang.
    expect((await lost.done).at(-1)).toMatchObject({ type: "error", code: "unavailable" });
    for (let released = 0; released < 2; released++) await untilAsync(() => cluster.releaseOne(1));
    expect((await first.done).at(-1)).toMatchObject({ type: "complete", data: [expect.stringMatching(/^blocked 1 ms/)] });
    expect((await second.done).at(-1)).toMatchObject({ type: "complete", data: [expect.stringMatching(/^blocked 2 ms/)] });
    // The survivor ran each waiting job once, in arrival order; the lost one never ran again.
    const starts = (await cluster.events()).filter((e) => e.type === "start" && e.apiName === "block");
    expect(starts.map((e) => e.jobId)).toEqual([firstJob.id, secondJob.id]);
  }, 60_000);

  test("a handler that blocks its process's event loop for twice the lease keeps its slot alone", async () => {
    const cluster = await startProcesses(2, { CLUSTER_TEST_LEASE_MS: "1000" });
    const [onA, onB] = [await cluster.clientOn(0), await cluster.clientOn(1)];
    const blocking = onA.submit("block", ["2000"]);
    const blocked = track(blocking);
    await untilAsync(async () => (await cluster.records()).get(0)!.held === 1);
    const waiting = onB.submit("block", ["0"]);
    const after = track(waiting);
    await until(() => after.events.some((e) => e.type === "queued"));
    await cluster.releaseOne(0);
    expect((await blocked.done).at(-1)).toMatchObject({ type: "complete", data: [expect.stringMatching(/^blocked 2000 ms/)] });
    await untilAsync(() => cluster.releaseOne());
    expect((await after.done).at(-1)).toMatchObject({ type: "complete" });
    const events = (await cluster.events()).filter((e) => e.apiName === "block");
    expect(events.map((e) => `${e.type} ${e.jobId === blocking.id ? "blocking" : "after"}`)).toEqual(["start blocking", "end blocking", "start after", "end after"]);
  }, 60_000);

  test("a --role web process runs no handler: its job runs on the --role worker process, and a cancel sent to the web process aborts the handler's signal there", async () => {
    const redis = await redisForTest();
    const worker = await runFixture(["--redis", redis.url, "--role", "worker"], {}, /worker running/);
    const web = await runFixture(["--redis", redis.url, "--role", "web"]);
    const client = await connect(web.url);
    expect(await client.predict("work", ["x"])).toEqual([expect.stringMatching(new RegExp(`^x on ${worker.child.pid} in slot [01]$`))]);
    const waiting = client.submit("wait", ["w1"]);
    const events = track(waiting);
    await until(() => events.events.some((e) => e.type === "started"));
    await waiting.cancel();
    expect((await events.done).at(-1)).toMatchObject({ type: "error", code: "cancelled" });
    await until(() => worker.output().includes(`fixture: w1 aborted on ${worker.child.pid}`));
    expect(web.output()).not.toContain("aborted");
  }, 60_000);
});
