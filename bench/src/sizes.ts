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
  packageStart: { runs: 3 },
  connectParallel: 50,
};

/** The most clients any scenario opens at once: sets the generators' open-file limit. */
export function maxClients(sizes: Sizes): number {
  return Math.max(sizes.bare.requestClients, sizes.bare.idleSockets, ...sizes.throughput.clients, sizes.overhead.clients, sizes.crowd.clients, sizes.shared.clients);
}
