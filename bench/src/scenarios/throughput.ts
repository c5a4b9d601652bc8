import { RUN_API } from "../apps/queued-job-app.tsx";
import { dispatchGaps, throughput } from "../stats/job-records.ts";
import { percentiles } from "../stats/percentiles.ts";
import { formatPositionRate, positionRate } from "../stats/position-rate.ts";
import { ms, type ResultRow } from "../table.ts";
import { nominalFigure } from "./nominal-figure.ts";
import type { BenchContext } from "./context.ts";
import { submitOnceRun } from "./submit-once-run.ts";

/** Scenario 1: `concurrencyLimit={5}`, a 100 ms async job, every client submitting once; at each size. */
export async function throughputScenario(context: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const clients of context.sizes.throughput.clients) rows.push(await throughputRun(context, clients));
  return rows;
}

export async function throughputRun(context: BenchContext, clients: number): Promise<ResultRow> {
  const { limit, jobMs } = context.sizes.throughput;
  context.log(`1 throughput: ${clients.toLocaleString("en-US")} clients, limit ${limit}, ${jobMs} ms jobs`);
  const run = await submitOnceRun(context, `throughput-${clients}`, { kind: "blockwork", app: "queued-job", limit, jobMs }, clients, [RUN_API], limit);
  const rate = throughput(run.records, limit);
  const queuedAt = new Map(run.observations.map((o) => [o.id, o.queuedAt]));
  const gaps = percentiles(dispatchGaps(run.records, limit, (id) => queuedAt.get(id) ?? null));
  const positions = positionRate(run.observations, run.frames);
  return {
    scenario: `1 throughput (limit ${limit}, ${jobMs} ms)`,
    clients,
    ideal: rate.ideal,
    achieved: rate.achieved,
    unit: "jobs/s",
    latency: percentiles(run.observations.map((o) => o.endAt! - o.submitAt)),
    serverCpuS: run.serverCpuS,
    serverPeakRss: run.serverPeakRss,
    errors: 0,
    figures: [
      gaps ? `dispatch gap p50/p99/max ${ms(gaps.p50)} / ${ms(gaps.p99)} / ${ms(gaps.max)} ms` : "dispatch gap —",
      `max concurrency ${run.maxConcurrency}`,
      nominalFigure(rate.achieved, limit, jobMs, rate.meanRunMs),
      formatPositionRate(positions),
    ],
  };
}
