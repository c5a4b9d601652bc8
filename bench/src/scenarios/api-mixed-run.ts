import { RUN_API } from "../apps/queued-job-app.tsx";
import { check } from "../check.ts";
import { split } from "../processes/generator-pool.ts";
import { acknowledgedOrder } from "../stats/acknowledged-order.ts";
import { dispatchGaps, throughput } from "../stats/job-records.ts";
import { percentiles } from "../stats/percentiles.ts";
import { ms, type ResultRow } from "../table.ts";
import type { DoorObservation } from "../workloads/api-clients.ts";
import { DOORS } from "../workloads/door.ts";
import type { BenchContext } from "./context.ts";
import { nominalFigure } from "./nominal-figure.ts";
import { startServer } from "./server-under-test.ts";
import { queuedRun } from "./submit-once-run.ts";

/**
 * Issue 12's must-show 4, first half: socket, REST and Gradio-wire clients on one listener in one run. Client k
 * (door k mod 3) joins at `k × joinGapMs`, so the doors interleave in time. Fails unless every job ran once with its
 * own output, the limit held, and no job started ahead of one accepted before it was sent, whichever doors.
 */
export async function apiMixedRun(context: BenchContext): Promise<ResultRow[]> {
  const { clients, limit, jobMs, joinGapMs } = context.sizes.api;
  const name = "api-mixed";
  context.log(`api: ${clients.toLocaleString("en-US")} clients over ${DOORS.join(", ")}, limit ${limit}, ${jobMs} ms jobs`);
  const server = await startServer(context, name, { kind: "blockwork", app: "queued-job", limit, jobMs }, 2 * clients);
  const shares = split(clients, context.pool.size);
  const offsets = shares.map((_, i) => shares.slice(0, i).reduce((a, b) => a + b, 0));
  // When the first join is due: each join's schedule, against which the generators' lag is measured.
  let startAt = 0;
  const { observations, records, maxConcurrency, serverCpuS, serverPeakRss } = await queuedRun(context, { name, server, clients, limit }, {
    connect: () => context.pool.all((g, i) => g.remote.connectApi({ url: server.url, count: shares[i]!, offset: offsets[i]!, doors: DOORS, parallel: context.sizes.connectParallel }, 300_000)),
    submit: (at) => {
      startAt = at;
      return context.pool.all((g) => g.remote.apiSubmitPaced({ startAt, gapMs: joinGapMs, api: RUN_API, tag: name }, (clients / limit) * jobMs * 3 + 120_000));
    },
  });

  const starts = new Map(records.map((r) => [r.id, r.start]));
  const unacknowledged = observations.filter((o) => o.joinedAt === null);
  check(unacknowledged.length === 0, `${name}: ${unacknowledged.length} jobs completed without their client hearing them accepted, e.g. ${unacknowledged[0]?.id}`);
  const order = acknowledgedOrder(observations.map((o) => ({ id: o.id, sentAt: o.submitAt, acceptedAt: o.joinedAt!, startedAt: starts.get(o.id)! })));
  const { earlier, later } = order.example ?? { earlier: "", later: "" };
  check(order.overtakes === 0, `${name}: ${order.overtakes} jobs started before a job accepted before they were sent (by up to ${ms(order.worstMs)} ms), e.g. ${later} before ${earlier}`);

  const rate = throughput(records, limit);
  // How late the generators sent each join against its schedule: a busy generator, not the server, delays these.
  const sendLag = percentiles(observations.map((o) => o.submitAt - (startAt + o.index * joinGapMs)));
  const queuedAt = new Map(observations.map((o) => [o.id, o.queuedAt ?? o.joinedAt]));
  const gaps = percentiles(dispatchGaps(records, limit, (id) => queuedAt.get(id) ?? null));
  const total: ResultRow = {
    scenario: `api: 3 doors, one listener (limit ${limit}, ${jobMs} ms)`,
    clients,
    ideal: rate.ideal,
    achieved: rate.achieved,
    unit: "jobs/s",
    latency: percentiles(observations.map((o) => o.endAt! - o.submitAt)),
    serverCpuS,
    serverPeakRss,
    errors: 0,
    figures: [
      `joins ${joinGapMs} ms apart, doors interleaved (${DOORS.map((door) => `${door} ${observations.filter((o) => o.door === door).length}`).join(", ")})`,
      sendLag ? `joins sent late by p50/p99/max ${ms(sendLag.p50)} / ${ms(sendLag.p99)} / ${ms(sendLag.max)} ms` : "send lag —",
      `FIFO across doors: 0 overtakes among ${order.ordered.toLocaleString("en-US")} joins sent after another was accepted`,
      `max concurrency ${maxConcurrency}`,
      gaps ? `dispatch gap p50/p99/max ${ms(gaps.p50)} / ${ms(gaps.p99)} / ${ms(gaps.max)} ms` : "dispatch gap —",
      nominalFigure(rate.achieved, limit, jobMs, rate.meanRunMs),
    ],
  };
  return [total, ...DOORS.map((door) => doorRow(door, observations.filter((o) => o.door === door)))];
}

/** One door's share of the mixed run: its latency, how fast its joins were accepted, what positions it heard. */
function doorRow(door: string, observations: readonly DoorObservation[]): ResultRow {
  const accepted = percentiles(observations.map((o) => o.joinedAt! - o.submitAt));
  const positions = observations.reduce((sum, o) => sum + o.positions.length / 2, 0) / observations.length;
  return {
    scenario: `api: ${door} clients of that run`,
    clients: observations.length,
    ideal: null,
    achieved: null,
    unit: "jobs/s",
    latency: percentiles(observations.map((o) => o.endAt! - o.submitAt)),
    serverCpuS: null,
    serverPeakRss: null,
    errors: 0,
    figures: [
      accepted ? `join accepted p50/p99/max ${ms(accepted.p50)} / ${ms(accepted.p99)} / ${ms(accepted.max)} ms after sending` : "join accepted —",
      `positions heard per client ${positions.toFixed(1)}`,
    ],
  };
}
