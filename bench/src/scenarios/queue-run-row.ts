import { dispatchGaps, throughput } from "../stats/job-records.ts";
import { percentiles } from "../stats/percentiles.ts";
import { formatPositionRate, positionRate } from "../stats/position-rate.ts";
import { ms, type ResultRow } from "../table.ts";
import { nominalFigure } from "./nominal-figure.ts";
import type { SubmitOnceRun } from "./submit-once-run.ts";

/** The figures every queued-job scenario reports, for the scenario to order with its own. */
export interface QueueFigures {
  readonly dispatchGap: string;
  readonly concurrency: string;
  readonly nominal: string;
  readonly positions: string;
}

/** A table row for a run of queued jobs at `limit`: rate against the ideal, latency, dispatch gaps, positions. */
export function queueRunRow(
  run: SubmitOnceRun,
  row: { readonly scenario: string; readonly clients: number; readonly limit: number; readonly jobMs: number; readonly concurrencyLabel: string },
  order: (figures: QueueFigures) => string[],
): ResultRow {
  const rate = throughput(run.records, row.limit);
  const queuedAt = new Map(run.observations.map((o) => [o.id, o.queuedAt]));
  const gaps = percentiles(dispatchGaps(run.records, row.limit, (id) => queuedAt.get(id) ?? null));
  return {
    scenario: row.scenario,
    clients: row.clients,
    ideal: rate.ideal,
    achieved: rate.achieved,
    unit: "jobs/s",
    latency: percentiles(run.observations.map((o) => o.endAt! - o.submitAt)),
    serverCpuS: run.serverCpuS,
    serverPeakRss: run.serverPeakRss,
    errors: 0,
    figures: order({
      dispatchGap: gaps ? `dispatch gap p50/p99/max ${ms(gaps.p50)} / ${ms(gaps.p99)} / ${ms(gaps.max)} ms` : "dispatch gap —",
      concurrency: `${row.concurrencyLabel} ${run.maxConcurrency}`,
      nominal: nominalFigure(rate.achieved, row.limit, row.jobMs, rate.meanRunMs),
      positions: formatPositionRate(positionRate(run.observations, run.frames)),
    }),
  };
}
