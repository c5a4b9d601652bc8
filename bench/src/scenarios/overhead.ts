import { RUN_API } from "../apps/queued-job-app.tsx";
import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import { percentiles } from "../stats/percentiles.ts";
import type { ResultRow } from "../table.ts";
import { connectClients } from "./connect-clients.ts";
import type { BenchContext } from "./context.ts";
import { cpuSeconds, startServer } from "./server-under-test.ts";

/**
 * Scenario 2: the cost of an event. A handler that returns at once, no limit, every client predicting in a loop:
 * events (completed jobs) per second against the bare transport's request/response ceiling, and CPU per event.
 */
export async function overheadScenario(context: BenchContext): Promise<ResultRow[]> {
  const { clients, durationMs } = context.sizes.overhead;
  const { warmupMs } = context.sizes.bare;
  context.log(`2 overhead: ${clients} clients predicting in a loop for ${durationMs / 1000} s`);
  const server = await startServer(context, "overhead", { kind: "blockwork", app: "queued-job", limit: null, jobMs: 0 }, clients);
  try {
    await connectClients(context, server.url, clients);
    await context.pool.all((g) => g.remote.frameCounts(undefined));
    const startAt = now() + 300;
    const runs = context.pool.all((g) => g.remote.predictLoop({ startAt, warmupMs, durationMs, api: RUN_API, tag: "overhead" }, warmupMs + durationMs + 60_000));
    await sleep(startAt + warmupMs - now());
    const before = await server.child.remote.usage(undefined);
    const results = await runs;
    const after = await server.child.remote.usage(undefined);
    const records = await server.child.remote.records(undefined);
    await context.pool.all((g) => g.remote.close(undefined));
    const final = await server.stop();

    const completed = results.reduce((sum, r) => sum + r.completed, 0);
    const errors = results.reduce((sum, r) => sum + r.errors, 0);
    const latencies = results.flatMap((r) => Array.from(r.latencies));
    check(errors === 0, `overhead: ${errors} jobs failed, e.g. ${results.find((r) => r.firstError)?.firstError}`);
    check(records.length === completed, `overhead: the handler ran ${records.length} times for ${completed} completed jobs`);
    check(new Set(records.map((r) => r.id)).size === records.length, "overhead: a job ran twice");
    const perSecond = latencies.length / (durationMs / 1000);
    const cpuS = cpuSeconds(before, after);
    const ceiling = context.references.requestsPerSecond ?? null;
    const cpuPerEvent = (cpuS * 1e6) / latencies.length;
    const bareCpu = context.references.cpuPerRequestUs;
    return [
      {
        scenario: "2 overhead (instant handler, no limit)",
        clients,
        ideal: ceiling,
        achieved: perSecond,
        unit: "events/s",
        latency: percentiles(latencies),
        serverCpuS: cpuS,
        serverPeakRss: final.peakRss,
        errors,
        figures: [
          `ideal = bare request/response ceiling`,
          `CPU per event ${cpuPerEvent.toFixed(1)} µs${bareCpu ? ` = ${(cpuPerEvent / bareCpu).toFixed(2)}× bare per request (CPU ratio ${(bareCpu / cpuPerEvent).toFixed(2)})` : ""}`,
          `server busy ${((cpuS / (durationMs / 1000)) * 100).toFixed(0)} % of a core`,
        ],
      },
    ];
  } catch (error) {
    await server.child.kill();
    throw error;
  }
}
