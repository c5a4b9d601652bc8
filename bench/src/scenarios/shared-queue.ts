import { SHARED_APIS } from "../apps/shared-queue-app.tsx";
import { check } from "../check.ts";
import type { ResultRow } from "../table.ts";
import type { BenchContext } from "./context.ts";
import { queueRunRow } from "./queue-run-row.ts";
import { submitOnceRun } from "./submit-once-run.ts";

/** Scenario 4: three listeners on one `concurrencyId` with limit 2, 100 ms jobs, the clients spread over them. */
export async function sharedQueueScenario(context: BenchContext): Promise<ResultRow[]> {
  const { clients, limit, jobMs } = context.sizes.shared;
  context.log(`4 shared queue: ${clients.toLocaleString("en-US")} clients over ${SHARED_APIS.length} listeners, limit ${limit}`);
  const run = await submitOnceRun(context, "shared", { kind: "blockwork", app: "shared-queue", limit, jobMs }, clients, SHARED_APIS, limit);
  // The limit is shared: all three listeners together must reach it, and never more.
  check(run.maxConcurrency === limit, `shared queue: highest concurrency ${run.maxConcurrency}, expected exactly ${limit}`);
  for (const api of SHARED_APIS) check(run.records.some((r) => r.api === api), `shared queue: ${api} never ran`);
  return [
    queueRunRow(run, { scenario: `4 shared queue (3 listeners, limit ${limit}, ${jobMs} ms)`, clients, limit, jobMs, concurrencyLabel: "highest concurrency" }, (f) => [
      f.concurrency,
      f.dispatchGap,
      f.nominal,
      f.positions,
    ]),
  ];
}
