import { RUN_API } from "../apps/queued-job-app.tsx";
import { check } from "../check.ts";
import { now } from "../clock.ts";
import { dispatchGaps, maxConcurrency } from "../stats/job-records.ts";
import { startOrder } from "../stats/start-order.ts";
import { redisFigure } from "../servers/redis-usage.ts";
import { mib, ms, type ResultRow } from "../table.ts";
import { sumFrameCounts } from "../workloads/frame-counts-sum.ts";
import { connectClients } from "./connect-clients.ts";
import type { BenchContext } from "./context.ts";
import { queueRunRow } from "./queue-run-row.ts";
import { clusterCpuSeconds, startCluster } from "./server-cluster.ts";
import { verifyEveryJob } from "./submit-once-run.ts";

/**
 * How far a job may start ahead of one that arrived earlier with the queue still counted FIFO: one job's run time,
 * or the run's longest dispatch gap if longer. Slots are claimed in arrival order, but each claimed job starts when
 * its process gets to it, and the earlier job's claim-to-start delay (the most an overtake can be under FIFO) is
 * part of its slot's dispatch gap; on a loaded machine that can reach a hundred milliseconds. A queue that is not
 * FIFO across processes (one that favours its own process's jobs, say) lets later jobs overtake by a backlog's
 * worth of job times.
 */
function fifoToleranceMs(jobMs: number, gaps: readonly number[]): number {
  return Math.max(jobMs, ...gaps);
}

/**
 * Must-show 7 of issue 9, the queue: `processes` Blockwork processes on one Redis, client i connected to process
 * i mod N, a limit-L listener of T ms jobs. The clients join one after another (each join acknowledged before the
 * next is sent), so that the arrival order is known across processes, then wait for their results. Fails the run
 * unless every job ran once with its own output, the highest concurrency is exactly the limit, and jobs started in
 * arrival order (within `fifoToleranceMs`).
 */
export async function scaleoutQueueRun(context: BenchContext, processes: number): Promise<ResultRow> {
  const { clients, limit, jobMs } = context.sizes.scaleout.queue;
  const name = `scaleout-${processes}`;
  const label = `${processes} process${processes === 1 ? "" : "es"}`;
  context.log(`scale-out queue: ${label} on one Redis, ${clients.toLocaleString("en-US")} clients, limit ${limit}, ${jobMs} ms jobs`);
  const cluster = await startCluster(context, name, { kind: "blockwork", app: "queued-job", limit, jobMs }, processes, clients);
  try {
    await connectClients(context, cluster.urls, clients);
    await context.pool.all((g) => g.remote.frameCounts(undefined));
    const before = await cluster.usage();
    const joinStarted = now();
    for (const generator of context.pool.generators) await generator.remote.crowdJoin({ api: RUN_API, tag: name }, 600_000);
    const joinMs = now() - joinStarted;
    const drainMs = (clients / limit) * jobMs;
    const observations = (await context.pool.all((g) => g.remote.crowdResults({ timeoutMs: drainMs * 3 + 60_000 }, drainMs * 3 + 120_000))).flat();
    const after = await cluster.usage();
    const frames = sumFrameCounts(await context.pool.all((g) => g.remote.frameCounts(undefined)));
    const perProcess = await cluster.records();
    await context.pool.all((g) => g.remote.close(undefined));
    const finals = await cluster.stop();

    const records = perProcess.flatMap((p) => p.records);
    verifyEveryJob(name, observations, records, clients);
    const highest = maxConcurrency(records);
    check(highest === limit, `${name}: highest concurrency ${highest} across ${processes} processes, expected exactly the limit ${limit}`);
    // Generators joined one after another, each its clients in order, and client indices run on across generators.
    const arrivalOrder = Array.from({ length: clients }, (_, i) => `${name}-${i}`);
    const order = startOrder(arrivalOrder, new Map(records.map((r) => [r.id, r.start])));
    const queuedAt = new Map(observations.map((o) => [o.id, o.queuedAt]));
    const toleranceMs = fifoToleranceMs(jobMs, dispatchGaps(records, limit, (id) => queuedAt.get(id) ?? null));
    check(
      order.worstMs <= toleranceMs,
      `${name}: a job started ${ms(order.worstMs)} ms before one that arrived earlier (tolerance ${ms(toleranceMs)} ms): not FIFO across processes`,
    );

    const run = {
      observations,
      records,
      frames,
      maxConcurrency: highest,
      serverCpuS: clusterCpuSeconds(before, after),
      serverPeakRss: Math.max(...finals.map((f) => f.peakRss)),
    };
    return queueRunRow(run, { scenario: `scale-out on Redis, ${label} (limit ${limit}, ${jobMs} ms)`, clients, limit, jobMs, concurrencyLabel: "highest concurrency" }, (f) => [
      f.dispatchGap,
      f.concurrency,
      `start order: ${order.overtakes} overtakes, worst ${ms(order.worstMs)} ms (allowed ${ms(toleranceMs)})`,
      `jobs run per process ${perProcess.map((p) => p.records.length).join(" / ")}`,
      `server CPU: sum of ${label}; peak RSS per process ${finals.map((u) => mib(u.peakRss)).join(" / ")}`,
      redisFigure(before.redis, after.redis, clients),
      `${clients.toLocaleString("en-US")} ordered joins took ${ms(joinMs / 1000)} s`,
      f.nominal,
      f.positions,
    ]);
  } catch (error) {
    await cluster.kill();
    throw error;
  }
}
