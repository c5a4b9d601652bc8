import { availableParallelism } from "node:os";
import { calibrateBusyLoop } from "../apps/busy-loop.ts";
import { CPU_API } from "../apps/cpu-bound-app.tsx";
import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import type { ServerHandlers, SpinResult } from "../processes/server-child.ts";
import { spawnChild, type Child } from "../processes/spawn-child.ts";
import { maxConcurrency } from "../stats/job-records.ts";
import { percentiles } from "../stats/percentiles.ts";
import { addRedisUsage, NO_REDIS_USAGE, redisFigure, type RedisUsage } from "../servers/redis-usage.ts";
import { mib, ms, type ResultRow } from "../table.ts";
import { connectClients } from "./connect-clients.ts";
import type { BenchContext } from "./context.ts";
import { clusterCpuSeconds, startCluster, type ProcessRecords } from "./server-cluster.ts";

/** Bare Node processes of the reference: as many as the machine the issue's target was set for has cores. */
const REFERENCE_PROCESSES = 2;

/** What the reference's windows add up to: loops of all its processes, their CPU and their wall time. */
interface ReferenceTotals {
  loops: number;
  cpuMs: number;
  loopWallMs: number;
  /** Measured time, summed over windows (each process ran that long). */
  windowMs: number;
  /** Loops per second of one process, per window. */
  readonly perWindow: number[];
}

/**
 * Must-show 7 of issue 9, CPU-bound: a synchronous handler of `jobMs` of CPU, no limit, on 1 and 2 Blockwork
 * processes sharing one Redis, against REFERENCE_PROCESSES bare Node processes running the same loop back to back in
 * the same run. This machine's speed drifts by several per cent from minute to minute, so the two are measured in
 * turns: once the cluster is warm, `rounds` times a window of the clients predicting, then a window of the bare
 * processes looping while the cluster idles. A run on N processes is read against N bare processes' rate over its
 * own turns. Every client checks its outputs; the handlers' records must match the completed jobs one to one.
 */
export async function scaleoutCpuScenario(context: BenchContext): Promise<ResultRow[]> {
  const { processes, jobMs } = context.sizes.scaleout.cpu;
  const iterations = calibrateBusyLoop(jobMs);
  context.log(`scale-out CPU-bound: ${REFERENCE_PROCESSES} bare reference processes, ${iterations.toLocaleString("en-US")} iterations ≈ ${jobMs} ms of CPU a loop`);
  const bare = await Promise.all(
    Array.from({ length: REFERENCE_PROCESSES }, (_, i) => spawnChild<ServerHandlers>({ name: `CPU reference ${i}`, entry: "./server-child.ts" })),
  );
  try {
    // Every run's reference windows feed the reference row as well as the run's own.
    const all = noReference();
    const rows: ResultRow[] = [];
    for (const count of processes) rows.push(await cpuBoundRun(context, count, iterations, bare, all));
    const referenceRow: ResultRow = {
      scenario: `bare Node: ${REFERENCE_PROCESSES} processes running the ${jobMs} ms loop`,
      clients: 0,
      ideal: null,
      achieved: perProcessRate(all) * REFERENCE_PROCESSES,
      unit: "loops/s",
      latency: null,
      serverCpuS: null,
      serverPeakRss: null,
      errors: 0,
      figures: [
        `${all.perWindow.length} windows, taken in turns with the Blockwork runs' windows: ${all.perWindow.map((r) => (r * REFERENCE_PROCESSES).toFixed(1)).join(", ")} loops/s`,
        `CPU per loop ${ms(all.cpuMs / all.loops)} ms; wall ${ms(all.loopWallMs / all.loops)} ms`,
      ],
    };
    return [referenceRow, ...rows];
  } finally {
    await Promise.all(bare.map((c) => c.kill()));
  }
}

function noReference(): ReferenceTotals {
  return { loops: 0, cpuMs: 0, loopWallMs: 0, windowMs: 0, perWindow: [] };
}

function perProcessRate(totals: ReferenceTotals): number {
  return totals.loops / REFERENCE_PROCESSES / (totals.windowMs / 1000);
}

/** One window of the bare processes looping together, added to each of `totals`; the cluster idles meanwhile. */
async function referenceWindow(context: BenchContext, bare: readonly Child<ServerHandlers>[], iterations: number, totals: readonly ReferenceTotals[]): Promise<void> {
  const { windowMs, rampMs } = context.sizes.scaleout.cpu;
  const startAt = now() + 100;
  const results: SpinResult[] = await Promise.all(bare.map((c) => c.remote.spin({ startAt, warmupMs: rampMs, durationMs: windowMs, iterations }, rampMs + windowMs + 60_000)));
  const loops = results.reduce((sum, r) => sum + r.loops, 0);
  check(loops > 0, "scale-out CPU reference: no loop finished");
  const cpuMs = results.reduce((sum, r) => sum + r.cpuMs, 0);
  const loopWallMs = results.reduce((sum, r) => sum + r.meanLoopMs * r.loops, 0);
  for (const into of totals) {
    into.loops += loops;
    into.cpuMs += cpuMs;
    into.loopWallMs += loopWallMs;
    into.windowMs += windowMs;
    into.perWindow.push(loops / REFERENCE_PROCESSES / (windowMs / 1000));
  }
}

/** What the Blockwork windows of one run add up to. */
interface RunTotals {
  latencies: number[];
  errors: number;
  firstError: string | null;
  /** Jobs the clients saw complete, warm-up and ramps included (the handlers' records cover those too). */
  completed: number;
  serverCpuS: number;
  clientsMs: number;
  benchMs: number;
  redis: RedisUsage;
  perWindow: number[];
  /** When each measured window's CPU readings were taken (the bench's clock): which handler runs they cover. */
  readonly windows: { readonly from: number; readonly to: number }[];
}

/** Runs the CPU-bound app on `processes` processes, in turns with the bare reference. */
async function cpuBoundRun(
  context: BenchContext,
  processes: number,
  iterations: number,
  bare: readonly Child<ServerHandlers>[],
  allReferences: ReferenceTotals,
): Promise<ResultRow> {
  const { clients, generators, jobMs, warmupMs, rounds, windowMs, rampMs } = context.sizes.scaleout.cpu;
  const { name, label } = runNames(processes);
  context.log(
    `scale-out CPU-bound: ${label} on one Redis, ${clients} clients predicting in a loop, ${warmupMs / 1000} s of warm-up, then ${rounds} × ${windowMs / 1000} s measured in turns with the reference`,
  );
  const cluster = await startCluster(context, name, { kind: "blockwork", app: "cpu-bound", iterations }, processes, clients);
  try {
    await connectClients(context, cluster.urls, clients, generators);
    // Each call gets a tag of its own: a job's input (tag, client, sequence) must be unique in the run.
    const predict = (warmup: number, duration: number, tag: string) => {
      const startAt = now() + 100;
      const runs = context.pool.all((g) => g.remote.predictLoop({ startAt, warmupMs: warmup, durationMs: duration, api: CPU_API, tag }, warmup + duration + 60_000));
      return { runs, measureFrom: startAt + warmup };
    };
    const totals: RunTotals = {
      latencies: [],
      errors: 0,
      firstError: null,
      completed: 0,
      serverCpuS: 0,
      clientsMs: 0,
      benchMs: 0,
      redis: NO_REDIS_USAGE,
      perWindow: [],
      windows: [],
    };
    const reference = noReference();
    const warm = await predict(0, warmupMs, `${name}-warm-up`).runs;
    totals.completed += warm.reduce((sum, r) => sum + r.completed, 0);
    for (let round = 0; round < rounds; round++) {
      const { runs, measureFrom } = predict(rampMs, windowMs, `${name}-window-${round}`);
      await sleep(measureFrom - now());
      const from = now();
      const before = await cluster.usage();
      const othersBefore = await othersCpuMs(context);
      const results = await runs;
      const after = await cluster.usage();
      const othersAfter = await othersCpuMs(context);
      totals.windows.push({ from, to: now() });
      const latencies = results.flatMap((r) => Array.from(r.latencies));
      totals.latencies.push(...latencies);
      totals.perWindow.push(latencies.length / (windowMs / 1000));
      totals.errors += results.reduce((sum, r) => sum + r.errors, 0);
      totals.firstError ??= results.find((r) => r.firstError)?.firstError ?? null;
      totals.completed += results.reduce((sum, r) => sum + r.completed, 0);
      totals.serverCpuS += clusterCpuSeconds(before, after);
      totals.clientsMs += othersAfter.clientsMs - othersBefore.clientsMs;
      totals.benchMs += othersAfter.benchMs - othersBefore.benchMs;
      totals.redis = addRedisUsage(totals.redis, before.redis, after.redis);
      await referenceWindow(context, bare, iterations, [reference, allReferences]);
    }
    const perProcess = await cluster.records();
    await context.pool.all((g) => g.remote.close(undefined));
    const finals = await cluster.stop();
    return cpuBoundRow(context, processes, totals, reference, perProcess, finals.map((f) => f.peakRss));
  } catch (error) {
    await cluster.kill();
    throw error;
  }
}

function cpuBoundRow(
  context: BenchContext,
  processes: number,
  totals: RunTotals,
  reference: ReferenceTotals,
  perProcess: readonly ProcessRecords[],
  peakRss: readonly number[],
): ResultRow {
  const { clients, jobMs, rounds, windowMs } = context.sizes.scaleout.cpu;
  const { name, label } = runNames(processes);
  const records = perProcess.flatMap((p) => p.records);
  const jobs = totals.latencies.length;
  check(totals.errors === 0, `${name}: ${totals.errors} jobs failed, e.g. ${totals.firstError}`);
  check(records.length === totals.completed, `${name}: the handler ran ${records.length} times for ${totals.completed} completed jobs`);
  check(new Set(records.map((r) => r.id)).size === records.length, `${name}: a job ran twice`);
  check(jobs > 0, `${name}: no job completed in the measured windows`);
  const highest = maxConcurrency(records);
  // A synchronous handler holds its process's event loop: never two at once in one process.
  check(highest <= processes, `${name}: ${highest} synchronous handlers ran at once on ${processes} processes`);

  const perSecond = jobs / ((rounds * windowMs) / 1000);
  // The CPU readings span each window and the tail of its last jobs.
  const seconds = totals.windows.reduce((sum, w) => sum + w.to - w.from, 0) / 1000;
  const bareRate = perProcessRate(reference);
  const cpuPerLoopMs = reference.cpuMs / reference.loops;
  // The servers' CPU of the windows is divided by the handler runs that ended inside them: the jobs counted for the
  // rate (submitted in a window) include some that ran after its CPU reading, and miss some that ran before.
  const ranInWindows = records.filter((r) => totals.windows.some((w) => r.end >= w.from && r.end <= w.to)).length;
  const cpuPerJobMs = (totals.serverCpuS * 1000) / ranInWindows;
  const runMs = percentiles(records.map((r) => r.end - r.start))!;
  const loopCpuMs = records.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0) / records.length;
  // What the rest of the machine took meanwhile (the clients, Redis, the bench), in cores: the servers had at most
  // the rest, while the bare reference had the whole machine.
  const others = { clients: totals.clientsMs / 1000 / seconds, bench: totals.benchMs / 1000 / seconds, redis: totals.redis.cpuMs / 1000 / seconds };
  const cores = Math.min(availableParallelism() - others.clients - others.bench - others.redis, processes);
  return {
    scenario: `scale-out CPU-bound on Redis, ${label} (${jobMs} ms sync, no limit)`,
    clients,
    ideal: bareRate * processes,
    achieved: perSecond,
    unit: "jobs/s",
    latency: percentiles(totals.latencies),
    serverCpuS: totals.serverCpuS,
    serverPeakRss: Math.max(...peakRss),
    errors: totals.errors,
    figures: [
      `ideal = ${processes} × one bare process's loops/s in the reference windows taken in turns with this run's`,
      `per window (${windowMs / 1000} s each): ${totals.perWindow.map((rate, i) => `${(rate / (reference.perWindow[i]! * processes)).toFixed(3)}`).join(", ")} of the next reference window`,
      `CPU per job ${ms(cpuPerJobMs)} ms vs ${ms(cpuPerLoopMs)} ms per bare loop (CPU ratio ${(cpuPerLoopMs / cpuPerJobMs).toFixed(3)})`,
      `handler run p50/p99 ${ms(runMs.p50)} / ${ms(runMs.p99)} ms (bare loop ${ms(reference.loopWallMs / reference.loops)} ms); ` +
        `CPU of the handler's loop ${ms(loopCpuMs)} ms (bare ${ms(cpuPerLoopMs)} ms), the rest of a job ${ms(cpuPerJobMs - loopCpuMs)} ms`,
      `highest concurrency ${highest}; jobs run per process ${perProcess.map((p) => p.records.length).join(" / ")} (warm-up included)`,
      `server CPU: sum of ${label}, ${((totals.serverCpuS / seconds) * 100).toFixed(0)} % of a core; peak RSS per process ${peakRss.map(mib).join(" / ")}`,
      redisFigure(NO_REDIS_USAGE, totals.redis, ranInWindows),
      `the rest of the machine meanwhile: clients ${percent(others.clients)}, Redis ${percent(others.redis)}, the bench ${percent(others.bench)} of a core; ` +
        `on the ${cores.toFixed(2)} cores ${label} could have, bare loops would reach ${((cores * 1000) / cpuPerLoopMs).toFixed(1)}/s: ` +
        `achieved ${(perSecond / ((cores * 1000) / cpuPerLoopMs)).toFixed(3)} of that`,
    ],
  };
}

function runNames(processes: number): { name: string; label: string } {
  return { name: `scaleout-cpu-${processes}`, label: `${processes} process${processes === 1 ? "" : "es"}` };
}

/** CPU used so far by the load generators (summed) and by this bench process, ms. */
async function othersCpuMs(context: BenchContext): Promise<{ clientsMs: number; benchMs: number }> {
  const clients = await context.pool.all((g) => g.remote.cpuMs(undefined));
  const { user, system } = process.cpuUsage();
  return { clientsMs: clients.reduce((sum, ms) => sum + ms, 0), benchMs: (user + system) / 1000 };
}

function percent(cores: number): string {
  return `${(cores * 100).toFixed(1)} %`;
}
