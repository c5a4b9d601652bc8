import { SHARED_APIS } from "../apps/shared-queue-app.tsx";
import { check } from "../check.ts";
import { dispatchGaps, throughput } from "../stats/job-records.ts";
import { percentiles } from "../stats/percentiles.ts";
import { formatPositionRate, positionRate } from "../stats/position-rate.ts";
import { ms, type ResultRow } from "../table.ts";
import { nominalFigure } from "./nominal-figure.ts";
import type { BenchContext } from "./context.ts";
import { submitOnceRun } from "./submit-once-run.ts";

/** Scenario 4: three listeners on one `concurrencyId` with limit 2, 100 ms jobs, the clients spread over them. */
export async function sharedQueueScenario(context: BenchContext): Promise<ResultRow[]> {
  const { clients, limit, jobMs } = context.sizes.shared;
  context.log(`4 shared queue: ${clients.toLocaleString("en-US")} clients over ${SHARED_APIS.length} listeners, limit ${limit}`);
  const run = await submitOnceRun(context, "shared", { kind: "blockwork", app: "shared-queue", limit, jobMs }, clients, SHARED_APIS, limit);
  // The limit is shared: all three listeners together must reach it, and never more.
  check(run.maxConcurrency === limit, `shared queue: highest concurrency ${run.maxConcurrency}, expected exactly ${limit}`);
  for (const api of SHARED_APIS) check(run.records.some((r) => r.api === api), `shared queue: ${api} never ran`);
  const rate = throughput(run.records, limit);
  const queuedAt = new Map(run.observations.map((o) => [o.id, o.queuedAt]));
  const gaps = percentiles(dispatchGaps(run.records, limit, (id) => queuedAt.get(id) ?? null));
  return [
    {
      scenario: `4 shared queue (3 listeners, limit ${limit}, ${jobMs} ms)`,
      clients,
      ideal: rate.ideal,
      achieved: rate.achieved,
      unit: "jobs/s",
      latency: percentiles(run.observations.map((o) => o.endAt! - o.submitAt)),
      serverCpuS: run.serverCpuS,
      serverPeakRss: run.serverPeakRss,
      errors: 0,
      figures: [
        `highest concurrency ${run.maxConcurrency}`,
        gaps ? `dispatch gap p50/p99/max ${ms(gaps.p50)} / ${ms(gaps.p99)} / ${ms(gaps.max)} ms` : "dispatch gap —",
        nominalFigure(rate.achieved, limit, jobMs, rate.meanRunMs),
        formatPositionRate(positionRate(run.observations, run.frames)),
      ],
    },
  ];
}
