import { availableParallelism } from "node:os";
import { calibrateBusyLoop } from "../apps/busy-loop.ts";
import { CPU_API } from "../apps/cpu-bound-app.tsx";
import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import type { ServerHandlers, SpinResult } from "../processes/server-child.ts";
import { spawnChild } from "../processes/spawn-child.ts";
import { maxConcurrency } from "../stats/job-records.ts";
import { percentiles } from "../stats/percentiles.ts";
import { redisFigure } from "../servers/redis-usage.ts";
import { mib, ms, type ResultRow } from "../table.ts";
import { connectClients } from "./connect-clients.ts";
import type { BenchContext } from "./context.ts";
import { clusterCpuSeconds, startCluster } from "./server-cluster.ts";

/** Bare Node processes of the reference: as many as the machine the target was set for has cores. */
const REFERENCE_PROCESSES = 2;

/** The reference's rate: loops per second of one bare process, and the CPU one loop took. */
interface Reference {
  readonly perProcess: number;
  readonly cpuPerLoopMs: number;
  readonly meanLoopMs: number;
}

/**
 * Must-show 7 of issue 9, CPU-bound: a synchronous handler of `jobMs` of CPU, no limit, on 1 and 2 Blockwork
 * processes sharing one Redis, against REFERENCE_PROCESSES bare Node processes running the same loop back to back in
 * the same run. The reference runs before each Blockwork run and after the last; a run on N processes is read
 * against N bare processes' rate, the mean of the references just before and just after it (other work on the
 * machine drifts, and these are its nearest measures). Every client checks its outputs; the handlers' records must
 * match the completed jobs one to one.
 */
export async function scaleoutCpuScenario(context: BenchContext): Promise<ResultRow[]> {
  const { processes, jobMs } = context.sizes.scaleout.cpu;
  const iterations = calibrateBusyLoop(jobMs);
  const reference = async () => {
    context.log(`scale-out CPU-bound: reference, ${REFERENCE_PROCESSES} bare processes looping (${iterations.toLocaleString("en-US")} iterations ≈ ${jobMs} ms of CPU)`);
    return spinReference(context, iterations);
  };
  const references = [await reference()];
  const runs: ((reference: Reference) => ResultRow)[] = [];
  for (const count of processes) {
    runs.push(await cpuBoundRun(context, count, iterations));
    references.push(await reference());
  }
  const mean = (pair: readonly Reference[]): Reference => ({
    perProcess: (pair[0]!.perProcess + pair[1]!.perProcess) / 2,
    cpuPerLoopMs: (pair[0]!.cpuPerLoopMs + pair[1]!.cpuPerLoopMs) / 2,
    meanLoopMs: (pair[0]!.meanLoopMs + pair[1]!.meanLoopMs) / 2,
  });
  const all = references.reduce((sum, r) => sum + r.perProcess, 0) / references.length;
  const referenceRow: ResultRow = {
    scenario: `bare Node: ${REFERENCE_PROCESSES} processes running the ${jobMs} ms loop`,
    clients: 0,
    ideal: null,
    achieved: all * REFERENCE_PROCESSES,
    unit: "loops/s",
    latency: null,
    serverCpuS: null,
    serverPeakRss: null,
    errors: 0,
    figures: [
      `mean of ${references.length} runs, one before each Blockwork run and one after the last: ${references.map((r) => (r.perProcess * REFERENCE_PROCESSES).toFixed(1)).join(", ")} loops/s`,
      `CPU per loop ${references.map((r) => ms(r.cpuPerLoopMs)).join(", ")} ms; wall ${references.map((r) => ms(r.meanLoopMs)).join(", ")} ms`,
    ],
  };
  return [referenceRow, ...runs.map((row, i) => row(mean(references.slice(i, i + 2))))];
}

async function spinReference(context: BenchContext, iterations: number): Promise<Reference> {
  const { durationMs } = context.sizes.scaleout.cpu;
  const { warmupMs } = context.sizes.bare;
  const children = await Promise.all(
    Array.from({ length: REFERENCE_PROCESSES }, (_, i) => spawnChild<ServerHandlers>({ name: `CPU reference ${i}`, entry: "./server-child.ts" })),
  );
  try {
    const startAt = now() + 300;
    const results: SpinResult[] = await Promise.all(children.map((c) => c.remote.spin({ startAt, warmupMs, durationMs, iterations }, warmupMs + durationMs + 60_000)));
    const loops = results.reduce((sum, r) => sum + r.loops, 0);
    check(loops > 0, "scale-out CPU reference: no loop finished");
    return {
      perProcess: loops / REFERENCE_PROCESSES / (durationMs / 1000),
      cpuPerLoopMs: results.reduce((sum, r) => sum + r.cpuMs, 0) / loops,
      meanLoopMs: results.reduce((sum, r) => sum + r.meanLoopMs * r.loops, 0) / loops,
    };
  } finally {
    await Promise.all(children.map((c) => c.kill()));
  }
}

/** Runs the CPU-bound app on `processes` processes; the row is finished once the reference after it is known. */
async function cpuBoundRun(context: BenchContext, processes: number, iterations: number): Promise<(reference: Reference) => ResultRow> {
  const { clients, generators, jobMs, durationMs, warmupMs } = context.sizes.scaleout.cpu;
  const name = `scaleout-cpu-${processes}`;
  const label = `${processes} process${processes === 1 ? "" : "es"}`;
  context.log(`scale-out CPU-bound: ${label} on one Redis, ${clients} clients predicting in a loop, ${warmupMs / 1000} s of warm-up, then ${durationMs / 1000} s measured`);
  const cluster = await startCluster(context, name, { kind: "blockwork", app: "cpu-bound", iterations }, processes, clients);
  try {
    await connectClients(context, cluster.urls, clients, generators);
    const startAt = now() + 300;
    const runs = context.pool.all((g) => g.remote.predictLoop({ startAt, warmupMs, durationMs, api: CPU_API, tag: name }, warmupMs + durationMs + 60_000));
    await sleep(startAt + warmupMs - now());
    const before = await cluster.usage();
    const othersBefore = await othersCpuMs(context);
    const results = await runs;
    const after = await cluster.usage();
    const othersAfter = await othersCpuMs(context);
    const perProcess = await cluster.records();
    await context.pool.all((g) => g.remote.close(undefined));
    const finals = await cluster.stop();

    const records = perProcess.flatMap((p) => p.records);
    const completed = results.reduce((sum, r) => sum + r.completed, 0);
    const errors = results.reduce((sum, r) => sum + r.errors, 0);
    const latencies = results.flatMap((r) => Array.from(r.latencies));
    check(errors === 0, `${name}: ${errors} jobs failed, e.g. ${results.find((r) => r.firstError)?.firstError}`);
    check(records.length === completed, `${name}: the handler ran ${records.length} times for ${completed} completed jobs`);
    check(new Set(records.map((r) => r.id)).size === records.length, `${name}: a job ran twice`);
    check(latencies.length > 0, `${name}: no job completed in the measured window`);
    const highest = maxConcurrency(records);
    // A synchronous handler holds its process's event loop: never two at once in one process.
    check(highest <= processes, `${name}: ${highest} synchronous handlers ran at once on ${processes} processes`);

    const perSecond = latencies.length / (durationMs / 1000);
    const cpuS = clusterCpuSeconds(before, after);
    const cpuPerJobMs = (cpuS * 1000) / latencies.length;
    const runMs = percentiles(records.map((r) => r.end - r.start))!;
    const loopCpuMs = records.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0) / records.length;
    // What the rest of the machine took meanwhile (the clients, Redis, the bench), in cores: the servers had at
    // most the rest, while the bare reference had the whole machine.
    const seconds = durationMs / 1000;
    const others = {
      clients: (othersAfter.clientsMs - othersBefore.clientsMs) / 1000 / seconds,
      bench: (othersAfter.benchMs - othersBefore.benchMs) / 1000 / seconds,
      redis: (after.redis.cpuMs - before.redis.cpuMs) / 1000 / seconds,
    };
    const left = availableParallelism() - others.clients - others.bench - others.redis;
    return (reference) => ({
      scenario: `scale-out CPU-bound on Redis, ${label} (${jobMs} ms sync, no limit)`,
      clients,
      ideal: reference.perProcess * processes,
      achieved: perSecond,
      unit: "jobs/s",
      latency: percentiles(latencies),
      serverCpuS: cpuS,
      serverPeakRss: Math.max(...finals.map((f) => f.peakRss)),
      errors,
      figures: [
        `ideal = ${processes} × one bare process's loops/s, the references before and after this run`,
        `CPU per job ${ms(cpuPerJobMs)} ms vs ${ms(reference.cpuPerLoopMs)} ms per bare loop (CPU ratio ${(reference.cpuPerLoopMs / cpuPerJobMs).toFixed(3)})`,
        `handler run p50/p99 ${ms(runMs.p50)} / ${ms(runMs.p99)} ms (bare loop ${ms(reference.meanLoopMs)} ms); ` +
          `CPU of the handler's loop ${ms(loopCpuMs)} ms (bare ${ms(reference.cpuPerLoopMs)} ms), the rest of a job ${ms(cpuPerJobMs - loopCpuMs)} ms`,
        `highest concurrency ${highest}; jobs run per process ${perProcess.map((p) => p.records.length).join(" / ")}`,
        `server CPU: sum of ${label}, ${((cpuS / (durationMs / 1000)) * 100).toFixed(0)} % of a core; peak RSS per process ${finals.map((u) => mib(u.peakRss)).join(" / ")}`,
        redisFigure(before.redis, after.redis, latencies.length),
        `the rest of the machine meanwhile: clients ${percent(others.clients)}, Redis ${percent(others.redis)}, the bench ${percent(others.bench)} of a core; ` +
          `on the ${Math.min(left, processes).toFixed(2)} cores ${processes} process${processes === 1 ? "" : "es"} could have, bare loops would reach ` +
          `${((Math.min(left, processes) * 1000) / reference.cpuPerLoopMs).toFixed(1)}/s: achieved ${(perSecond / ((Math.min(left, processes) * 1000) / reference.cpuPerLoopMs)).toFixed(3)} of that`,
      ],
    });
  } catch (error) {
    await cluster.kill();
    throw error;
  }
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
