/** How big each scenario runs: the sizes for a full run, small ones for `--quick` (under a minute in all). */
export interface Sizes {
  readonly bare: {
    /** Clients of the request/response ceiling, as in scenario 2. */
    readonly requestClients: number;
    /** Not counted: lets JIT and buffers settle. Also the warm-up of scenario 2's loop. */
    readonly warmupMs: number;
    readonly requestMs: number;
    /** Idle sockets held (and broadcast to), as many as scenario 3's crowd. */
    readonly idleSockets: number;
    readonly broadcastRepeats: number;
  };
  readonly throughput: { readonly clients: readonly number[]; readonly limit: number; readonly jobMs: number };
  readonly overhead: { readonly clients: number; readonly durationMs: number };
  readonly crowd: { readonly clients: number; readonly jobMs: number; readonly windowMs: number };
  readonly shared: { readonly clients: number; readonly limit: number; readonly jobMs: number };
  readonly pageLoad: { readonly runs: number };
  /** Issue 9's must-show 7: one queue shared by several processes through Redis. */
  readonly scaleout: {
    /** The queued-job runs: `clients` ordered joins on a limit-`limit` queue of `jobMs` jobs, once per process count. */
    readonly queue: { readonly processes: readonly number[]; readonly clients: number; readonly limit: number; readonly jobMs: number };
    /**
     * The CPU-bound runs: `clients` predicting in a loop, a synchronous `jobMs` handler with no limit. After
     * `warmupMs`, `rounds` measured windows of `windowMs` alternate with as many windows of the bare reference (each
     * window after `rampMs` of the same work, not counted): the machine's speed drifts from minute to minute, and
     * turns of a few seconds share the drift. The warm-up is long because at ~45 jobs a second a process calls its
     * per-job code too rarely for V8 to optimise it in a few seconds (still in the baseline tier, a job's own work
     * costs up to twice as much): a server that has been up for a minute runs it optimised, and so do the measured
     * windows. The clients live in the first `generators` load generators: a handful of clients needs one process,
     * and each more adds its own event loop wake-ups and GC threads to the cores the servers share (the bare
     * reference shares them with nothing).
     */
    readonly cpu: {
      readonly processes: readonly number[];
      readonly clients: number;
      readonly generators: number;
      readonly jobMs: number;
      readonly warmupMs: number;
      readonly rounds: number;
      readonly windowMs: number;
      readonly rampMs: number;
    };
  };
  /** Issue 11's upload: one file of `bytes` while `clients` wait in a limit-`limit` queue of `jobMs` jobs. */
  readonly upload: { readonly bytes: number; readonly clients: number; readonly limit: number; readonly jobMs: number };
  /**
   * Issue 12's must-show 4: `clients` split over the socket, REST and Gradio doors, joining one after another
   * (`joinGapMs` apart) a limit-`limit` queue of `jobMs` jobs; then each door alone, `cpu.clients` clients running
   * `cpu.jobs` instant jobs (after `cpu.warmupJobs`), in `cpu.rounds` turns of the three doors, for the server's CPU
   * per event.
   */
  readonly api: {
    readonly clients: number;
    readonly limit: number;
    readonly jobMs: number;
    readonly joinGapMs: number;
    readonly cpu: { readonly clients: number; readonly warmupJobs: number; readonly jobs: number; readonly rounds: number };
  };
  /** Cold starts of the installed `blockwork run`, and as many of a bare node:http server. */
  readonly packageStart: { readonly runs: number };
  /** Connections each generator opens at once. */
  readonly connectParallel: number;
}

export const FULL: Sizes = {
  bare: { requestClients: 200, warmupMs: 2_000, requestMs: 10_000, idleSockets: 10_000, broadcastRepeats: 5 },
  throughput: { clients: [1_000, 5_000], limit: 5, jobMs: 100 },
  overhead: { clients: 200, durationMs: 10_000 },
  crowd: { clients: 10_000, jobMs: 50, windowMs: 15_000 },
  shared: { clients: 1_000, limit: 2, jobMs: 100 },
  pageLoad: { runs: 5 },
  scaleout: {
    queue: { processes: [1, 2, 4], clients: 1_000, limit: 5, jobMs: 100 },
    cpu: { processes: [1, 2], clients: 8, generators: 1, jobMs: 20, warmupMs: 20_000, rounds: 5, windowMs: 3_000, rampMs: 300 },
  },
  upload: { bytes: 100_000_000, clients: 1_000, limit: 5, jobMs: 100 },
  api: { clients: 1_000, limit: 5, jobMs: 100, joinGapMs: 2, cpu: { clients: 30, warmupJobs: 1_000, jobs: 6_000, rounds: 3 } },
  packageStart: { runs: 10 },
  connectParallel: 50,
};

export const QUICK: Sizes = {
  bare: { requestClients: 200, warmupMs: 500, requestMs: 2_000, idleSockets: 1_000, broadcastRepeats: 2 },
  throughput: { clients: [100, 250], limit: 5, jobMs: 100 },
  overhead: { clients: 200, durationMs: 2_000 },
  crowd: { clients: 1_000, jobMs: 50, windowMs: 3_000 },
  shared: { clients: 100, limit: 2, jobMs: 100 },
  pageLoad: { runs: 1 },
  scaleout: {
    queue: { processes: [1, 2, 4], clients: 100, limit: 5, jobMs: 100 },
    cpu: { processes: [1, 2], clients: 8, generators: 1, jobMs: 20, warmupMs: 500, rounds: 2, windowMs: 1_000, rampMs: 200 },
  },
  upload: { bytes: 20_000_000, clients: 200, limit: 5, jobMs: 100 },
  api: { clients: 60, limit: 5, jobMs: 100, joinGapMs: 2, cpu: { clients: 12, warmupJobs: 100, jobs: 300, rounds: 2 } },
  packageStart: { runs: 3 },
  connectParallel: 50,
};

/**
 * The most connections any scenario opens at once: sets the generators' open-file limit. An API client may hold two
 * (a REST call's POST beside its stream; a Gradio client's join beside its `queue/data`).
 */
export function maxClients(sizes: Sizes): number {
  return Math.max(sizes.bare.requestClients, sizes.bare.idleSockets, ...sizes.throughput.clients, sizes.overhead.clients, sizes.crowd.clients, sizes.shared.clients, sizes.scaleout.queue.clients, sizes.upload.clients, 2 * sizes.api.clients);
}
