/**
 * The server under test, in a process of its own: its CPU seconds and peak RSS are its alone. It runs either a
 * Blockwork app or the bare Socket.IO reference, and reports its usage and its handlers' records over IPC.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { AppSpec } from "../apps/app-spec.ts";
import { busyLoop } from "../apps/busy-loop.ts";
import { now, sleep } from "../clock.ts";
import { startBareServer, type BareServer, type BroadcastMode } from "../servers/bare-server.ts";
import { startBareUploadServer } from "../servers/bare-upload-server.ts";
import { startBlockworkServer, type RunningServer } from "../servers/blockwork-server.ts";
import { JobRecorder, type JobRecord } from "../servers/job-recorder.ts";
import { serveRpc } from "./rpc.ts";

/** `redis`: the URL of the Redis whose queue this process shares with the others of its run; none: the memory store. */
export type ServerSpec =
  | { readonly kind: "bare" }
  /** A bare `node:http` server that streams request bodies to disk: the upload ceiling. */
  | { readonly kind: "bare-upload" }
  | ({ readonly kind: "blockwork"; readonly redis?: string } & AppSpec);

/** What the bare CPU reference did: loops started in the measured window, and the CPU they took. */
export interface SpinResult {
  readonly loops: number;
  readonly cpuMs: number;
  /** Mean wall time of one loop in the window, ms: above its CPU time when the process had to wait for a core. */
  readonly meanLoopMs: number;
}

export interface ServerUsage {
  /** User + system CPU time since the process started, in ms. */
  readonly cpuMs: number;
  readonly rss: number;
  readonly heapUsed: number;
  /**
   * The highest RSS the process has had, from the kernel's high-water mark (so no peak between samples is
   * missed). Not `resourceUsage().maxRSS`: Linux carries that across fork and exec, so a child would report its
   * parent's RSS at the fork.
   */
  readonly peakRss: number;
}

/** Event-loop delay, in ms: how long the server's loop was blocked (a long synchronous broadcast shows here). */
export interface LoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

// The store is the scenario's choice: a Redis URL inherited from the shell must not turn a memory-store run into a
// Redis one.
delete process.env.BLOCKWORK_REDIS_URL;
const recorder = new JobRecorder();
let loopMonitor: IntervalHistogram | undefined;
let server: RunningServer | undefined;
let bare: BareServer | undefined;

function usage(): ServerUsage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, rss: memory.rss, heapUsed: memory.heapUsed, peakRss: peakRss(memory.rss) };
}

/** VmHWM of /proc/self/status: the peak RSS of this process image. Off Linux, the current RSS is the best we have. */
function peakRss(current: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) * 1024 : current;
  } catch {
    return current;
  }
}

const handlers = {
  async start(spec: ServerSpec): Promise<{ url: string }> {
    if (spec.kind === "bare") {
      bare = await startBareServer();
      server = bare;
    } else if (spec.kind === "bare-upload") {
      server = await startBareUploadServer();
    } else {
      server = await startBlockworkServer(spec, recorder, spec.redis);
    }
    return { url: server.url };
  },
  usage,
  /** Collects garbage first (the child runs with --expose-gc), so that memory figures are live data. */
  collectedUsage(): ServerUsage {
    for (let i = 0; i < 3; i++) globalThis.gc?.();
    return usage();
  },
  /**
   * Resets the kernel's peak-RSS mark (VmHWM) to the current RSS (`5` to /proc/self/clear_refs, Linux), so that a
   * later `usage().peakRss` is the peak of what happened since: the growth an upload causes, with no sample missed.
   */
  resetPeakRss(): ServerUsage {
    writeFileSync("/proc/self/clear_refs", "5");
    return usage();
  },
  /** The handlers' records, once running handlers have returned (bounded: 10 s). */
  async records(): Promise<JobRecord[]> {
    await recorder.settled(10_000);
    return recorder.take();
  },
  /** Starts measuring event-loop delay; off by default because its 1 ms timer costs the server a little CPU. */
  watchLoop(): void {
    loopMonitor?.disable();
    loopMonitor = monitorEventLoopDelay({ resolution: 1 });
    loopMonitor.enable();
  },
  loopDelay(): LoopDelay {
    if (!loopMonitor) throw new Error("loopDelay: call watchLoop first");
    loopMonitor.disable();
    const toMs = (ns: number) => ns / 1e6;
    const delay = { p50: toMs(loopMonitor.percentile(50)), p99: toMs(loopMonitor.percentile(99)), max: toMs(loopMonitor.max) };
    loopMonitor = undefined;
    return delay;
  },
  /**
   * The bare CPU reference: runs `busyLoop(iterations)` back to back, with nothing else in the process, from
   * `startAt` for `warmupMs + durationMs`, counting the loops started after the warm-up (as the clients count jobs).
   */
  async spin(arg: { startAt: number; warmupMs: number; durationMs: number; iterations: number }): Promise<SpinResult> {
    await sleep(Math.max(0, arg.startAt - now()));
    const measureFrom = arg.startAt + arg.warmupMs;
    const until = measureFrom + arg.durationMs;
    let loops = 0;
    let loopMs = 0;
    let cpuBefore: NodeJS.CpuUsage | undefined;
    for (let start = now(); start < until; start = now()) {
      if (start >= measureFrom) cpuBefore ??= process.cpuUsage();
      busyLoop(arg.iterations);
      if (start >= measureFrom) {
        loops++;
        loopMs += now() - start;
      }
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { loops, cpuMs: (cpu.user + cpu.system) / 1000, meanLoopMs: loops === 0 ? 0 : loopMs / loops };
  },
  broadcast(arg: { mode: BroadcastMode; payload: unknown }): { startedAt: number; syncMs: number; sockets: number } {
    if (!bare) throw new Error("broadcast: only the bare server broadcasts on command");
    const startedAt = now();
    return { startedAt, sockets: bare.connectedSockets(), syncMs: bare.broadcast(arg.mode, arg.payload) };
  },
  async stop(): Promise<ServerUsage> {
    await server?.close();
    // Exit after the reply has gone out; a normal exit is what lets --cpu-prof write its profile.
    setTimeout(() => process.exit(0), 50);
    return usage();
  },
};

export type ServerHandlers = typeof handlers;

serveRpc(handlers);
