import { RUN_API } from "../apps/queued-job-app.tsx";
import type { ResultRow } from "../table.ts";
import type { BenchContext } from "./context.ts";
import { queueRunRow } from "./queue-run-row.ts";
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
  return queueRunRow(run, { scenario: `1 throughput (limit ${limit}, ${jobMs} ms)`, clients, limit, jobMs, concurrencyLabel: "max concurrency" }, (f) => [
    f.dispatchGap,
    f.concurrency,
    f.nominal,
    f.positions,
  ]);
}
