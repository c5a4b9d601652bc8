import type { FileValue } from "@blockwork/core";
import { RUN_API } from "../apps/queued-job-app.tsx";
import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import type { JobRecord } from "../servers/job-recorder.ts";
import { maxConcurrency, occupancy } from "../stats/job-records.ts";
import { mib, ms, type ResultRow } from "../table.ts";
import { sumFrameCounts } from "../workloads/frame-counts-sum.ts";
import { multipartFrame, uploadBytes, type UploadTiming } from "../workloads/upload-bytes.ts";
import { connectClients } from "./connect-clients.ts";
import type { BenchContext } from "./context.ts";
import { queueRunRow } from "./queue-run-row.ts";
import { cpuSeconds, startServer, type ServerUnderTest } from "./server-under-test.ts";
import { verifyEveryJob } from "./submit-once-run.ts";

/** How long the queue runs before the window that is compared with the upload's. */
const LEAD_MS = 2_000;

/**
 * Scenario 6 (issue 11): one big upload (`POST /upload`, multipart, streamed to the file cache) while `clients`
 * clients wait in a limit-`limit` queue of `jobMs` jobs. Figures: the upload's rate against a bare `node:http` server
 * streaming the same bytes to the same disk (measured first, in the same run), the server's RSS growth during the
 * upload (the kernel's peak mark reset just before it) against a control window of the same length with no upload,
 * and the queue's throughput over ideal during the upload (the share of slot time handlers held) against that
 * control window.
 */
export async function uploadScenario(context: BenchContext): Promise<ResultRow[]> {
  const { bytes, clients, limit, jobMs } = context.sizes.upload;
  const megabytes = bytes / 1e6;
  const rate = (timing: UploadTiming) => megabytes / (timing.ms / 1000);

  context.log(`6 upload: the bare reference receives ${megabytes} MB`);
  const bare = await startServer(context, "upload-bare", { kind: "bare-upload" }, 0);
  let bareTiming: UploadTiming;
  let bareGrowth: number;
  let bareCpuS: number;
  try {
    const before = await bare.child.remote.resetPeakRss(undefined);
    bareTiming = await uploadBytes(bare.url, bytes);
    const after = await bare.child.remote.usage(undefined);
    bareGrowth = after.peakRss - before.rss;
    bareCpuS = cpuSeconds(before, after);
    const { head, tail } = multipartFrame("bench.bin");
    check(bareTiming.status === 200 && JSON.parse(bareTiming.body).bytes === head.length + bytes + tail.length, `upload: the bare server answered ${bareTiming.status} ${bareTiming.body}`);
    await bare.stop();
  } catch (error) {
    await bare.child.kill();
    throw error;
  }

  const server = await startServer(context, "upload", { kind: "blockwork", app: "queued-job", limit, jobMs }, clients);
  const remote = server.child.remote;
  try {
    context.log(`6 upload: ${megabytes} MB to the idle server`);
    const idleBefore = await remote.resetPeakRss(undefined);
    const idle = await uploadChecked(server, bytes);
    const idleAfter = await remote.usage(undefined);
    const idleGrowth = idleAfter.peakRss - idleBefore.rss;
    const idleCpuS = cpuSeconds(idleBefore, idleAfter);

    context.log(`6 upload: ${clients.toLocaleString("en-US")} clients join a limit-${limit} queue of ${jobMs} ms jobs`);
    await connectClients(context, server.url, clients);
    await context.pool.all((g) => g.remote.frameCounts(undefined));
    const startAt = now() + 500;
    const runs = context.pool.all((g) => g.remote.submitOnce({ startAt, apis: [RUN_API], tag: "upload" }, (clients / limit) * jobMs * 3 + 120_000));
    await sleep(startAt + LEAD_MS - now());

    // Control: a window as long as the idle upload took (at least a second), with the queue running and no upload.
    const windowMs = Math.max(1_000, idle.ms);
    const controlBefore = await remote.resetPeakRss(undefined);
    await remote.watchLoop(undefined);
    const controlFrom = now();
    await sleep(windowMs);
    const controlTo = now();
    const controlLoop = await remote.loopDelay(undefined);
    const controlGrowth = (await remote.usage(undefined)).peakRss - controlBefore.rss;

    context.log(`6 upload: ${megabytes} MB while the queue runs`);
    const loadedBefore = await remote.resetPeakRss(undefined);
    await remote.watchLoop(undefined);
    const uploadFrom = now();
    const loaded = await uploadChecked(server, bytes);
    const uploadTo = now();
    const uploadLoop = await remote.loopDelay(undefined);
    const loadedAfter = await remote.usage(undefined);
    const loadedGrowth = loadedAfter.peakRss - loadedBefore.rss;

    const observations = (await runs).flat();
    const after = await remote.usage(undefined);
    const frames = sumFrameCounts(await context.pool.all((g) => g.remote.frameCounts(undefined)));
    const records = await remote.records(undefined);
    await context.pool.all((g) => g.remote.close(undefined));
    const final = await server.stop();

    verifyEveryJob("upload", observations, records, clients);
    const highest = maxConcurrency(records);
    check(highest <= limit, `upload: ${highest} jobs ran at once, above the limit of ${limit}`);
    const lastEnd = Math.max(...records.map((r) => r.end));
    check(lastEnd > uploadTo, `upload: the queue ran dry at ${ms(lastEnd - startAt)} ms, before the upload ended (${ms(uploadTo - startAt)} ms): add clients`);

    const during = occupancy(records, limit, uploadFrom, uploadTo);
    const control = occupancy(records, limit, controlFrom, controlTo);
    const queueRow = queueRunRow(
      { observations, records, frames, maxConcurrency: highest, serverCpuS: cpuSeconds(idleAfter, after), serverPeakRss: final.peakRss },
      { scenario: `6 upload: the queue (limit ${limit}, ${jobMs} ms)`, clients, limit, jobMs, concurrencyLabel: "max concurrency" },
      (f) => [f.nominal, f.dispatchGap, f.concurrency, f.positions],
    );
    return [
      {
        scenario: "upload reference: bare node:http to disk",
        clients: 0,
        ideal: null,
        achieved: rate(bareTiming),
        unit: "MB/s",
        latency: null,
        serverCpuS: bareCpuS,
        serverPeakRss: null,
        errors: 0,
        figures: [`${megabytes} MB in ${ms(bareTiming.ms)} ms; CPU per MB ${ms((bareCpuS * 1000) / megabytes)} ms; RSS growth ${mib(bareGrowth)}`],
      },
      {
        scenario: `6 upload (${megabytes} MB) while ${clients.toLocaleString("en-US")} wait`,
        clients,
        ideal: rate(bareTiming),
        achieved: rate(loaded),
        unit: "MB/s",
        latency: null,
        serverCpuS: cpuSeconds(loadedBefore, loadedAfter),
        serverPeakRss: final.peakRss,
        errors: 0,
        figures: [
          `ideal = bare node:http to disk; ${megabytes} MB in ${ms(loaded.ms)} ms`,
          `RSS growth during the upload ${mib(loadedGrowth)} (control window with no upload, ${ms(windowMs)} ms: ${mib(controlGrowth)}; idle server's upload: ${mib(idleGrowth)})`,
          `idle server: ${rate(idle).toFixed(0)} MB/s = ${(rate(idle) / rate(bareTiming)).toFixed(3)} of bare; CPU per MB ${ms((idleCpuS * 1000) / megabytes)} ms = ${(idleCpuS / bareCpuS).toFixed(2)}× bare`,
          `queue during the upload: slots held ${during.toFixed(3)} of the time (control window: ${control.toFixed(3)}; ${endedIn(records, uploadFrom, uploadTo)} and ${endedIn(records, controlFrom, controlTo)} jobs ended in them)`,
          `event-loop delay p99/max during the upload ${ms(uploadLoop.p99)} / ${ms(uploadLoop.max)} ms (control ${ms(controlLoop.p99)} / ${ms(controlLoop.max)} ms)`,
        ],
      },
      queueRow,
    ];
  } catch (error) {
    await server.child.kill();
    throw error;
  }
}

/** Uploads `bytes` to the server's `upload` route and checks that it answered one file value of that size. */
async function uploadChecked(server: ServerUnderTest, bytes: number): Promise<UploadTiming> {
  const timing = await uploadBytes(`${server.url}upload`, bytes);
  check(timing.status === 200, `upload: POST upload answered ${timing.status}: ${timing.body.slice(0, 300)}`);
  const values = JSON.parse(timing.body) as FileValue[];
  check(values.length === 1 && values[0]!.size === bytes, `upload: POST upload answered ${timing.body.slice(0, 300)} for one file of ${bytes} bytes`);
  return timing;
}

function endedIn(records: readonly JobRecord[], from: number, to: number): number {
  return records.filter((r) => r.end >= from && r.end <= to).length;
}
