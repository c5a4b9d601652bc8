import { RUN_API } from "../apps/queued-job-app.tsx";
import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import { split } from "../processes/generator-pool.ts";
import type { JobRecord } from "../servers/job-recorder.ts";
import { dispatchGaps, maxConcurrency, throughput } from "../stats/job-records.ts";
import { percentiles } from "../stats/percentiles.ts";
import { formatPositionRate, positionRate } from "../stats/position-rate.ts";
import { staleness } from "../stats/staleness.ts";
import { kib, ms, type ResultRow } from "../table.ts";
import { nominalFigure } from "./nominal-figure.ts";
import { sumFrameCounts } from "../workloads/frame-counts-sum.ts";
import { connectClients } from "./connect-clients.ts";
import type { BenchContext } from "./context.ts";
import { cpuSeconds, startServer } from "./server-under-test.ts";

/** Clients of the control phase: enough to keep a limit-1 queue busy, too few to cost anything in updates. */
const FEEDERS = 4;
/** Dequeues this close to the end of the window are not scored: their clients have no time left to catch up. */
const CATCH_UP_MS = 2_000;

/**
 * Scenario 3: a crowd of clients waiting on a limit-1 queue of 50 ms jobs (20 dequeues a second).
 *
 * Phases, on one server: (1) the crowd connects, idle; (2) control: FEEDERS clients keep the queue moving at the
 * same rate with nobody else waiting, so the server's CPU rate there is dispatch plus idle sockets; (3) the crowd
 * joins, one join after another so the arrival order is known, and waits through the measured window. Update CPU
 * share = crowd-phase CPU rate − control CPU rate: the work the waiting crowd adds, i.e. position updates.
 */
export async function waitingCrowdScenario(context: BenchContext): Promise<ResultRow[]> {
  const { clients, jobMs, windowMs } = context.sizes.crowd;
  context.log(`3 waiting crowd: ${clients.toLocaleString("en-US")} clients on a limit-1 queue of ${jobMs} ms jobs`);
  const server = await startServer(context, "crowd", { kind: "blockwork", app: "queued-job", limit: 1, jobMs }, clients);
  const remote = server.child.remote;
  try {
    const empty = await remote.collectedUsage(undefined);
    await connectClients(context, server.url, clients);
    await sleep(1_000);
    const connected = await remote.collectedUsage(undefined);

    context.log(`3 waiting crowd: control, ${FEEDERS} clients keep the queue moving`);
    const controlMs = Math.min(windowMs, 10_000);
    const startAt = now() + 300;
    const feeding = context.pool.generators[0]!.remote.predictLoop(
      { startAt, warmupMs: 1_000, durationMs: controlMs, api: RUN_API, tag: "feeder", clientCount: FEEDERS },
      controlMs + 60_000,
    );
    await sleep(startAt + 1_000 - now());
    const controlBefore = await remote.usage(undefined);
    const controlStarted = now();
    await sleep(controlMs);
    const controlAfter = await remote.usage(undefined);
    const controlEnded = now();
    const fed = await feeding;
    check(fed.errors === 0, `crowd: ${fed.errors} feeder jobs failed, e.g. ${fed.firstError}`);
    const controlRecords = await remote.records(undefined);
    const controlDequeues = controlRecords.filter((r) => r.start >= controlStarted && r.start <= controlEnded).length;

    context.log(`3 waiting crowd: ${clients.toLocaleString("en-US")} clients join, one after another`);
    const shares = split(clients, context.pool.size);
    const joinStarted = now();
    for (const generator of context.pool.generators) await generator.remote.crowdJoin({ api: RUN_API, tag: "crowd" }, 600_000);
    const joinMs = now() - joinStarted;
    const arrivalOrder = shares.flatMap((count, g) => Array.from({ length: count }, (_, i) => `crowd-${shares.slice(0, g).reduce((a, b) => a + b, 0) + i}`));
    await sleep(1_000);

    context.log(`3 waiting crowd: measuring for ${windowMs / 1000} s`);
    await context.pool.all((g) => g.remote.frameCounts(undefined));
    await remote.watchLoop(undefined);
    const before = await remote.usage(undefined);
    const windowStart = now();
    await sleep(windowMs);
    const after = await remote.usage(undefined);
    const windowEnd = now();
    const loopDelay = await remote.loopDelay(undefined);
    const frames = sumFrameCounts(await context.pool.all((g) => g.remote.frameCounts(undefined)));
    const waitingUsage = await remote.collectedUsage(undefined);
    const observations = (await context.pool.all((g) => g.remote.crowdStop(undefined, 120_000))).flat();
    const records = await remote.records(undefined);
    await context.pool.all((g) => g.remote.close(undefined));
    const final = await server.stop();

    // ---- correctness ----
    check(observations.length === clients, `crowd: ${observations.length} observations for ${clients} clients`);
    const wrong = observations.filter((o) => (o.outcome === "complete" && !o.outputOk) || (o.outcome === "error" && o.errorCode !== "cancelled"));
    check(wrong.length === 0, `crowd: ${wrong.length} jobs failed or returned a wrong output, e.g. ${JSON.stringify(wrong[0])}`);
    check(maxConcurrency([...controlRecords, ...records]) <= 1, "crowd: more than one job ran at once on a limit-1 queue");
    // The start order below is read from these records by job id: a job run twice would hide where it started.
    check(new Set(records.map((r) => r.id)).size === records.length, "crowd: a job ran twice");
    const starts = new Map(records.filter((r) => r.id.startsWith("crowd-")).map((r) => [r.id, r.start]));
    const stale = staleness({
      arrivalOrder,
      starts,
      observations,
      dequeuesFrom: windowStart,
      dequeuesTo: windowEnd - Math.min(CATCH_UP_MS, windowMs / 3),
      observedUntil: windowEnd,
    });

    // ---- figures ----
    const inWindow = (r: JobRecord) => r.start >= windowStart && r.end <= windowEnd;
    const windowRecords = records.filter(inWindow);
    check(windowRecords.length > 1, `crowd: only ${windowRecords.length} jobs ran in the window`);
    const rate = throughput(windowRecords, 1);
    const dequeues = records.filter((r) => r.start >= windowStart && r.start <= windowEnd).length;
    const queuedAt = new Map(observations.map((o) => [o.id, o.queuedAt]));
    const gaps = percentiles(dispatchGaps(windowRecords, 1, (id) => queuedAt.get(id) ?? null));
    const lag = percentiles(stale.lags);
    const crowdCpuRate = cpuSeconds(before, after) / ((windowEnd - windowStart) / 1000);
    const controlCpuRate = cpuSeconds(controlBefore, controlAfter) / ((controlEnded - controlStarted) / 1000);
    const perWaiting = (waitingUsage.rss - empty.rss) / clients;
    const perConnected = (connected.rss - empty.rss) / clients;
    const heapPerWaiting = (waitingUsage.heapUsed - empty.heapUsed) / clients;
    const heapPerConnected = (connected.heapUsed - empty.heapUsed) / clients;
    const bareSocket = context.references.idleSocketRss;
    const positions = positionRate(observations, frames, { from: windowStart, to: windowEnd });
    const joinAck = percentiles(observations.flatMap((o) => (o.joinedAt === null ? [] : [o.joinedAt - o.submitAt])));
    const versusBare = (bytes: number) => (bareSocket ? ` = ${(bytes / bareSocket).toFixed(2)}× a bare idle socket` : "");

    return [
      {
        scenario: `3 waiting crowd (limit 1, ${jobMs} ms)`,
        clients,
        ideal: rate.ideal,
        achieved: rate.achieved,
        unit: "jobs/s",
        latency: null,
        serverCpuS: cpuSeconds(before, after),
        serverPeakRss: final.peakRss,
        errors: wrong.length,
        figures: [
          nominalFigure(rate.achieved, 1, jobMs, rate.meanRunMs),
          lag ? `staleness p50/p99/max ${ms(lag.p50)} / ${ms(lag.p99)} / ${ms(lag.max)} ms over ${lag.count.toLocaleString("en-US")} samples (${stale.censored} never caught up)` : "staleness —",
          `update CPU share ${((crowdCpuRate - controlCpuRate) * 100).toFixed(1)} % of a core (crowd ${(crowdCpuRate * 100).toFixed(1)} % − control ${(controlCpuRate * 100).toFixed(1)} % at ${(controlDequeues / (controlMs / 1000)).toFixed(1)} dequeues/s)`,
          `per dequeue: ${(frames.messages / dequeues).toFixed(0)} messages, ${kib(frames.bytes / dequeues)} (${frames.frames.toLocaleString("en-US")} frames for ${dequeues} dequeues)`,
          `RSS per waiting client ${kib(perWaiting)}${versusBare(perWaiting)} (connected idle ${kib(perConnected)}${versusBare(perConnected)}; heap ${kib(heapPerWaiting)} waiting, ${kib(heapPerConnected)} idle)`,
          formatPositionRate(positions),
          gaps ? `dispatch gap p50/p99/max ${ms(gaps.p50)} / ${ms(gaps.p99)} / ${ms(gaps.max)} ms` : "dispatch gap —",
          `event-loop delay p50/p99/max ${ms(loopDelay.p50)} / ${ms(loopDelay.p99)} / ${ms(loopDelay.max)} ms`,
          joinAck ? `${clients.toLocaleString("en-US")} sequential joins took ${ms(joinMs / 1000)} s, ack p50/p99/max ${ms(joinAck.p50)} / ${ms(joinAck.p99)} / ${ms(joinAck.max)} ms` : "joins —",
        ],
      },
    ];
  } catch (error) {
    await server.child.kill();
    throw error;
  }
}
