import { RUN_API } from "../apps/queued-job-app.tsx";
import { check } from "../check.ts";
import { split } from "../processes/generator-pool.ts";
import { percentiles } from "../stats/percentiles.ts";
import type { ResultRow } from "../table.ts";
import type { DoorLoopResult } from "../workloads/api-clients.ts";
import { DOORS, type DoorName } from "../workloads/door.ts";
import type { BenchContext } from "./context.ts";
import { cpuSeconds, startServer } from "./server-under-test.ts";

/**
 * Issue 12's must-show 4, second half: what an event costs the server through each door, measured one door at a
 * time on one server (an instant handler, no limit, so the queue never waits and only the door's work differs).
 * CPU time, unlike rates, barely moves with other load on the machine; each door is divided by the socket's.
 */
export async function apiDoorCpu(context: BenchContext): Promise<ResultRow[]> {
  const { clients, warmupJobs, jobs } = context.sizes.api.cpu;
  context.log(`api CPU: each door alone, ${clients} clients, ${jobs.toLocaleString("en-US")} instant jobs after ${warmupJobs.toLocaleString("en-US")}`);
  const server = await startServer(context, "api-cpu", { kind: "blockwork", app: "queued-job", limit: null, jobMs: 0 }, 2 * clients);
  try {
    const measured: { door: DoorName; cpuS: number; result: DoorLoopResult; seconds: number }[] = [];
    const shares = split(clients, context.pool.size);
    const offsets = shares.map((_, i) => shares.slice(0, i).reduce((a, b) => a + b, 0));
    for (const door of DOORS) {
      await context.pool.all((g, i) => g.remote.connectApi({ url: server.url, count: shares[i]!, offset: offsets[i]!, doors: [door], parallel: context.sizes.connectParallel }, 120_000));
      const loop = async (count: number, tag: string) => merge(await context.pool.all((g, i) => g.remote.apiLoop({ jobs: split(count, context.pool.size)[i]!, api: RUN_API, tag }, 300_000)));
      const warmup = await loop(warmupJobs, `api-cpu-${door}-warmup`);
      const before = await server.child.remote.usage(undefined);
      const startedAt = performance.now();
      const result = await loop(jobs, `api-cpu-${door}`);
      const seconds = (performance.now() - startedAt) / 1000;
      const after = await server.child.remote.usage(undefined);
      const records = await server.child.remote.records(undefined);
      await context.pool.all((g) => g.remote.close(undefined));

      for (const run of [warmup, result]) check(run.wrong === 0, `api CPU (${door}): ${run.wrong} jobs failed or returned a wrong output, e.g. ${run.firstWrong}`);
      const ran = warmup.completed + result.completed;
      check(records.length === ran && new Set(records.map((r) => r.id)).size === ran, `api CPU (${door}): the handler ran ${records.length} times (${new Set(records.map((r) => r.id)).size} distinct) for ${ran} jobs`);
      measured.push({ door, cpuS: cpuSeconds(before, after), result, seconds });
    }
    const final = await server.stop();
    const perEvent = (m: (typeof measured)[number]) => (m.cpuS * 1e6) / m.result.completed;
    const socket = perEvent(measured.find((m) => m.door === "socket")!);
    return measured.map((m) => ({
      scenario: `api CPU: ${m.door} door alone (instant handler, no limit)`,
      clients,
      ideal: null,
      achieved: m.result.completed / m.seconds,
      unit: "events/s",
      latency: percentiles(m.result.latencies),
      serverCpuS: m.cpuS,
      serverPeakRss: final.peakRss,
      errors: 0,
      figures: [`CPU per event ${perEvent(m).toFixed(1)} µs = ${(perEvent(m) / socket).toFixed(2)}× the socket's`, `${m.result.completed.toLocaleString("en-US")} jobs measured`],
    }));
  } catch (error) {
    await server.child.kill();
    throw error;
  }
}

function merge(results: readonly DoorLoopResult[]): DoorLoopResult {
  return {
    completed: results.reduce((sum, r) => sum + r.completed, 0),
    latencies: Float64Array.from(results.flatMap((r) => Array.from(r.latencies))),
    wrong: results.reduce((sum, r) => sum + r.wrong, 0),
    firstWrong: results.find((r) => r.firstWrong !== null)?.firstWrong ?? null,
  };
}
