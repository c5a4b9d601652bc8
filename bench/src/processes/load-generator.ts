/**
 * A load generator: a process of its own that holds a share of the clients and runs the workloads the parent
 * commands. Several run at once, so that the clients, not the server, are never the bottleneck.
 */
import { ApiClients } from "../workloads/api-clients.ts";
import { BareClients } from "../workloads/bare-clients.ts";
import { BlockworkClients } from "../workloads/blockwork-clients.ts";
import type { DoorName } from "../workloads/door.ts";
import { installFrameCounter, takeFrameCounts } from "../workloads/frame-counter.ts";
import { serveRpc } from "./rpc.ts";

installFrameCounter();
let bare = new BareClients();
let blockwork = new BlockworkClients();
const api = new ApiClients();

const handlers = {
  async connectBare(arg: { url: string; count: number; parallel: number }): Promise<number> {
    bare = new BareClients();
    await bare.connect(arg.url, arg.count, arg.parallel);
    return arg.count;
  },
  bareRequestLoop: (arg: { startAt: number; warmupMs: number; durationMs: number }) => bare.requestLoop(arg.startAt, arg.warmupMs, arg.durationMs),
  bareReceipts: () => bare.takeReceipts(),

  async connectBlockwork(arg: { urls: readonly string[]; count: number; offset: number; parallel: number }): Promise<number> {
    blockwork = new BlockworkClients();
    await blockwork.connect(arg.urls, arg.count, arg.offset, arg.parallel);
    return arg.count;
  },
  submitOnce: (arg: { startAt: number; apis: readonly string[]; tag: string }) => blockwork.submitOnce(arg.startAt, arg.apis, arg.tag),
  predictLoop: (arg: { startAt: number; warmupMs: number; durationMs: number; api: string; tag: string; clientCount?: number }) =>
    blockwork.predictLoop(arg.startAt, arg.warmupMs, arg.durationMs, arg.api, arg.tag, arg.clientCount),
  crowdJoin: (arg: { api: string; tag: string }) => blockwork.crowdJoin(arg.api, arg.tag),
  crowdStop: () => blockwork.crowdStop(),
  crowdResults: (arg: { timeoutMs: number }) => blockwork.crowdResults(arg.timeoutMs),
  frameCounts: () => takeFrameCounts(),
  /** CPU this generator has used so far, ms: what the clients take from a machine they share with the server. */
  cpuMs: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },

  async connectApi(arg: { url: string; count: number; offset: number; doors: readonly DoorName[]; parallel: number }): Promise<number> {
    await api.connect(arg.url, arg.count, arg.offset, arg.doors, arg.parallel);
    return arg.count;
  },
  apiSubmitPaced: (arg: { startAt: number; gapMs: number; api: string; tag: string }) => api.submitPaced(arg.startAt, arg.gapMs, arg.api, arg.tag),
  apiLoop: (arg: { jobs: number; api: string; tag: string }) => api.loop(arg.jobs, arg.api, arg.tag),

  close(): void {
    bare.close();
    blockwork.close();
    api.close();
  },
};

export type GeneratorHandlers = typeof handlers;

serveRpc(handlers);
