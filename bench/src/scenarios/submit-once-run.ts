import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import type { ServerSpec } from "../processes/server-child.ts";
import type { JobRecord } from "../servers/job-recorder.ts";
import { maxConcurrency } from "../stats/job-records.ts";
import type { FrameCounts } from "../workloads/frame-counter.ts";
import { sumFrameCounts } from "../workloads/frame-counts-sum.ts";
import type { JobObservation } from "../workloads/job-observation.ts";
import { connectClients } from "./connect-clients.ts";
import type { BenchContext } from "./context.ts";
import { cpuSeconds, startServer, type ServerUnderTest } from "./server-under-test.ts";

export interface SubmitOnceRun<O extends JobObservation = JobObservation> {
  readonly observations: O[];
  readonly records: JobRecord[];
  readonly frames: FrameCounts;
  readonly maxConcurrency: number;
  readonly serverCpuS: number;
  readonly serverPeakRss: number;
}

/**
 * Scenarios 1 and 4: `clients` clients connect, then all submit one job at the same instant, spread round-robin
 * over `apis`. Fails the run unless every job ran exactly once, returned its own output, and the limit held.
 */
export async function submitOnceRun(context: BenchContext, name: string, spec: ServerSpec, clients: number, apis: readonly string[], limit: number): Promise<SubmitOnceRun> {
  const server = await startServer(context, name, spec, clients);
  const jobsMs = (clients / limit) * 1000;
  return queuedRun(context, { name, server, clients, limit }, {
    connect: () => connectClients(context, server.url, clients),
    submit: (startAt) => context.pool.all((g) => g.remote.submitOnce({ startAt, apis, tag: name }, jobsMs * 3 + 120_000)),
  });
}

/**
 * One run of queued jobs on a fresh server, measured from the moment the clients start submitting until the last
 * job ends; then the server stops. Fails unless every job ran exactly once, returned its own output, and the limit
 * held.
 */
export async function queuedRun<O extends JobObservation>(
  context: BenchContext,
  run: { readonly name: string; readonly server: ServerUnderTest; readonly clients: number; readonly limit: number },
  workload: { connect(): Promise<unknown>; submit(startAt: number): Promise<O[][]> },
): Promise<SubmitOnceRun<O>> {
  const { name, server, clients, limit } = run;
  try {
    await workload.connect();
    await context.pool.all((g) => g.remote.frameCounts(undefined));
    const startAt = now() + 500;
    const runs = workload.submit(startAt);
    await sleep(startAt - now());
    const before = await server.child.remote.usage(undefined);
    const observations = (await runs).flat();
    const after = await server.child.remote.usage(undefined);
    const frames = sumFrameCounts(await context.pool.all((g) => g.remote.frameCounts(undefined)));
    const records = await server.child.remote.records(undefined);
    await context.pool.all((g) => g.remote.close(undefined));
    const final = await server.stop();

    verifyEveryJob(name, observations, records, clients);
    const highest = maxConcurrency(records);
    check(highest <= limit, `${name}: ${highest} jobs ran at once, above the limit of ${limit}`);
    return { observations, records, frames, maxConcurrency: highest, serverCpuS: cpuSeconds(before, after), serverPeakRss: final.peakRss };
  } catch (error) {
    await server.child.kill();
    throw error;
  }
}

/** Every client got its own output, the server ran each job exactly once, and no client's position ever went up. */
export function verifyEveryJob(name: string, observations: readonly JobObservation[], records: readonly JobRecord[], clients: number): void {
  check(observations.length === clients, `${name}: ${observations.length} observations for ${clients} clients`);
  const failed = observations.filter((o) => o.outcome !== "complete" || !o.outputOk);
  check(failed.length === 0, `${name}: ${failed.length} jobs failed or returned a wrong output, e.g. ${JSON.stringify(failed[0])}`);
  check(records.length === clients, `${name}: the handlers ran ${records.length} times for ${clients} jobs`);
  const ran = new Set(records.map((r) => `${r.api}/${r.id}`));
  const missing = observations.filter((o) => !ran.has(`${o.api}/${o.id}`));
  check(ran.size === clients && missing.length === 0, `${name}: ${missing.length} jobs completed without their handler running once`);
  for (const o of observations) {
    for (let i = 3; i < o.positions.length; i += 2) {
      check(o.positions[i]! <= o.positions[i - 2]!, `${name}: ${o.id}'s position went up from ${o.positions[i - 2]} to ${o.positions[i]}`);
    }
  }
}
