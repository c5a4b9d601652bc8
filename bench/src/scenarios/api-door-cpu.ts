import { RUN_API } from "../apps/queued-job-app.tsx";
import { check } from "../check.ts";
import { split } from "../processes/generator-pool.ts";
import { percentiles } from "../stats/percentiles.ts";
import type { ResultRow } from "../table.ts";
import type { DoorLoopResult } from "../workloads/api-clients.ts";
import { DOORS, type DoorName } from "../workloads/door.ts";
import type { BenchContext } from "./context.ts";
import { cpuSeconds, startServer, type ServerUnderTest } from "./server-under-test.ts";

/** One door's measured jobs, summed over the rounds. */
interface DoorCost {
  cpuS: number;
  seconds: number;
  runs: DoorLoopResult[];
}

/**
 * Issue 12's must-show 4, second half: what an event costs the server through each door, one door at a time on one
 * server (an instant handler, no limit, so the queue never waits and only the door's work differs). CPU time, unlike
 * rates, barely moves with other load on the machine, but that load drifts: the doors take turns over several rounds
 * so that a busy minute falls on all of them alike. Each door is divided by the socket's.
 */
export async function apiDoorCpu(context: BenchContext): Promise<ResultRow[]> {
  const { clients, warmupJobs, jobs, rounds } = context.sizes.api.cpu;
  context.log(`api CPU: each door alone, ${clients} clients, ${jobs.toLocaleString("en-US")} instant jobs in ${rounds} rounds after ${warmupJobs.toLocaleString("en-US")}`);
  const server = await startServer(context, "api-cpu", { kind: "blockwork", app: "queued-job", limit: null, jobMs: 0 }, 2 * clients);
  try {
    const costs = new Map<DoorName, DoorCost>(DOORS.map((door) => [door, { cpuS: 0, seconds: 0, runs: [] }]));
    for (const door of DOORS) await doorJobs(context, server, door, warmupJobs, `api-cpu-${door}-warmup`);
    for (let round = 0; round < rounds; round++) {
      for (const door of DOORS) {
        const cost = costs.get(door)!;
        const measured = await doorJobs(context, server, door, split(jobs, rounds)[round]!, `api-cpu-${door}-${round}`);
        cost.cpuS += measured.cpuS;
        cost.seconds += measured.seconds;
        cost.runs.push(measured.result);
      }
    }
    const final = await server.stop();
    const perEvent = (cost: DoorCost) => (cost.cpuS * 1e6) / completed(cost.runs);
    const socket = perEvent(costs.get("socket")!);
    return DOORS.map((door) => {
      const cost = costs.get(door)!;
      return {
        scenario: `api CPU: ${door} door alone (instant handler, no limit)`,
        clients,
        ideal: null,
        achieved: completed(cost.runs) / cost.seconds,
        unit: "events/s",
        latency: percentiles(cost.runs.flatMap((r) => Array.from(r.latencies))),
        serverCpuS: cost.cpuS,
        serverPeakRss: final.peakRss,
        errors: 0,
        figures: [
          `CPU per event ${perEvent(cost).toFixed(1)} µs = ${(perEvent(cost) / socket).toFixed(2)}× the socket's`,
          `${completed(cost.runs).toLocaleString("en-US")} jobs measured in ${rounds} rounds`,
        ],
      };
    });
  } catch (error) {
    await server.child.kill();
    throw error;
  }
}

/**
 * `clients` clients of `door` connect (not measured), run `jobs` jobs in a closed loop, and hang up; fails unless every
 * job returned its own output and the handler ran once for each.
 */
async function doorJobs(context: BenchContext, server: ServerUnderTest, door: DoorName, jobs: number, tag: string): Promise<{ cpuS: number; seconds: number; result: DoorLoopResult }> {
  const shares = split(context.sizes.api.cpu.clients, context.pool.size);
  const offsets = shares.map((_, i) => shares.slice(0, i).reduce((a, b) => a + b, 0));
  await context.pool.all((g, i) => g.remote.connectApi({ url: server.url, count: shares[i]!, offset: offsets[i]!, doors: [door], parallel: context.sizes.connectParallel }, 120_000));
  const before = await server.child.remote.usage(undefined);
  const startedAt = performance.now();
  const results = await context.pool.all((g, i) => g.remote.apiLoop({ jobs: split(jobs, context.pool.size)[i]!, api: RUN_API, tag }, 300_000));
  const seconds = (performance.now() - startedAt) / 1000;
  const after = await server.child.remote.usage(undefined);
  const records = await server.child.remote.records(undefined);
  await context.pool.all((g) => g.remote.close(undefined));

  const wrong = results.reduce((sum, r) => sum + r.wrong, 0);
  check(wrong === 0, `${tag}: ${wrong} jobs failed or returned a wrong output, e.g. ${results.find((r) => r.firstWrong !== null)?.firstWrong}`);
  const ran = completed(results);
  const distinct = new Set(records.map((r) => r.id)).size;
  check(records.length === ran && distinct === ran, `${tag}: the handler ran ${records.length} times (${distinct} distinct inputs) for ${ran} jobs`);
  return {
    cpuS: cpuSeconds(before, after),
    seconds,
    result: { completed: ran, latencies: Float64Array.from(results.flatMap((r) => Array.from(r.latencies))), wrong: 0, firstWrong: null },
  };
}

function completed(runs: readonly DoorLoopResult[]): number {
  return runs.reduce((sum, r) => sum + r.completed, 0);
}
