import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import { split } from "../processes/generator-pool.ts";
import type { BroadcastMode } from "../servers/bare-server.ts";
import { percentiles } from "../stats/percentiles.ts";
import { kib, ms, type ResultRow } from "../table.ts";
import type { BenchContext } from "./context.ts";
import { cpuSeconds, startServer } from "./server-under-test.ts";

/** Roughly a `group` update: what a broadcast to the waiting crowd carries. */
const BROADCAST_PAYLOAD = [{ type: "group", groupId: "1", left: [41, 42], size: 9_958, estimate: { firstMs: 50, perRankMs: 50 } }];

/**
 * The references: a bare Socket.IO server's request/response ceiling, the memory of an idle socket, and the time
 * to broadcast to every socket. They fill `context.references` for the scenarios that follow.
 */
export async function bareTransport(context: BenchContext): Promise<ResultRow[]> {
  return [await requestCeiling(context), ...(await idleSocketsAndBroadcast(context))];
}

async function requestCeiling(context: BenchContext): Promise<ResultRow> {
  const { requestClients: clients, requestMs, warmupMs } = context.sizes.bare;
  context.log(`bare transport: request/response, ${clients} clients, ${requestMs / 1000} s`);
  const server = await startServer(context, "bare-requests", { kind: "bare" }, clients);
  const shares = split(clients, context.pool.size);
  await context.pool.all((g, i) => g.remote.connectBare({ url: server.url, count: shares[i]!, parallel: context.sizes.connectParallel }));
  const startAt = now() + 300;
  const runs = context.pool.all((g) => g.remote.bareRequestLoop({ startAt, warmupMs, durationMs: requestMs }, warmupMs + requestMs + 60_000));
  await sleep(startAt + warmupMs - now());
  const before = await server.child.remote.usage(undefined);
  const results = await runs;
  const after = await server.child.remote.usage(undefined);
  await context.pool.all((g) => g.remote.close(undefined));
  const final = await server.stop();

  const latencies = results.flatMap((r) => Array.from(r.latencies));
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  check(latencies.length > 0, "bare transport: no request was answered");
  const perSecond = latencies.length / (requestMs / 1000);
  context.references.requestsPerSecond = perSecond;
  context.references.cpuPerRequestUs = (cpuSeconds(before, after) * 1e6) / latencies.length;
  return {
    scenario: "bare Socket.IO: request/response ceiling",
    clients,
    ideal: null,
    achieved: perSecond,
    unit: "req/s",
    latency: percentiles(latencies),
    serverCpuS: cpuSeconds(before, after),
    serverPeakRss: final.peakRss,
    errors,
    figures: [`CPU per request ${context.references.cpuPerRequestUs.toFixed(1)} µs`],
  };
}

async function idleSocketsAndBroadcast(context: BenchContext): Promise<ResultRow[]> {
  const { idleSockets: sockets, broadcastRepeats } = context.sizes.bare;
  context.log(`bare transport: ${sockets.toLocaleString("en-US")} idle sockets, broadcast`);
  const server = await startServer(context, "bare-idle", { kind: "bare" }, sockets);
  const baseline = await server.child.remote.collectedUsage(undefined);
  const shares = split(sockets, context.pool.size);
  const connectStarted = now();
  await context.pool.all((g, i) => g.remote.connectBare({ url: server.url, count: shares[i]!, parallel: context.sizes.connectParallel }, 300_000));
  const connectMs = now() - connectStarted;
  // Let the handshakes' garbage and buffers settle before reading memory.
  await sleep(1_000);
  const loaded = await server.child.remote.collectedUsage(undefined);
  const perSocket = (loaded.rss - baseline.rss) / sockets;
  const heapPerSocket = (loaded.heapUsed - baseline.heapUsed) / sockets;
  context.references.idleSocketRss = perSocket;

  const broadcast = { room: [] as number[], each: [] as number[], roomDelivery: [] as number[], eachDelivery: [] as number[] };
  const cpuBefore = await server.child.remote.usage(undefined);
  for (let i = 0; i < broadcastRepeats; i++) {
    for (const mode of ["room", "each"] as BroadcastMode[]) {
      const sent = await server.child.remote.broadcast({ mode, payload: BROADCAST_PAYLOAD });
      check(sent.sockets === sockets, `bare transport: ${sent.sockets} sockets connected, expected ${sockets}`);
      const receipts = await waitForReceipts(context, sockets);
      broadcast[mode].push(sent.syncMs);
      broadcast[mode === "room" ? "roomDelivery" : "eachDelivery"].push(receipts.reduce((a, b) => Math.max(a, b)) - sent.startedAt);
    }
  }
  const cpuAfter = await server.child.remote.usage(undefined);
  await context.pool.all((g) => g.remote.close(undefined));
  const final = await server.stop();

  const median = (values: number[]) => percentiles(values)!.p50;
  return [
    {
      scenario: "bare Socket.IO: idle sockets",
      clients: sockets,
      ideal: null,
      achieved: null,
      unit: "",
      latency: null,
      serverCpuS: null,
      serverPeakRss: final.peakRss,
      errors: 0,
      figures: [`RSS per socket ${kib(perSocket)}`, `heap per socket ${kib(heapPerSocket)}`, `connected in ${ms(connectMs)} ms`],
    },
    {
      scenario: "bare Socket.IO: broadcast to all",
      clients: sockets,
      ideal: null,
      achieved: null,
      unit: "",
      latency: null,
      serverCpuS: cpuSeconds(cpuBefore, cpuAfter),
      serverPeakRss: final.peakRss,
      errors: 0,
      figures: [
        `one room emit: loop ${ms(median(broadcast.room))} ms, all delivered ${ms(median(broadcast.roomDelivery))} ms`,
        `own message each: loop ${ms(median(broadcast.each))} ms, all delivered ${ms(median(broadcast.eachDelivery))} ms`,
        `median of ${broadcastRepeats}`,
      ],
    },
  ];
}

/** Waits (bounded) until every socket has received the broadcast, and returns when each did. */
async function waitForReceipts(context: BenchContext, sockets: number): Promise<number[]> {
  const receipts: number[] = [];
  const deadline = now() + 30_000;
  while (receipts.length < sockets) {
    check(now() < deadline, `bare transport: only ${receipts.length} of ${sockets} sockets received the broadcast within 30 s`);
    await sleep(20);
    for (const taken of await context.pool.all((g) => g.remote.bareReceipts(undefined))) receipts.push(...taken);
  }
  check(receipts.length === sockets, `bare transport: ${receipts.length} receipts for one broadcast to ${sockets} sockets`);
  return receipts;
}
