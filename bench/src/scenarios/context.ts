import type { GeneratorPool } from "../processes/generator-pool.ts";
import type { Sizes } from "../sizes.ts";

/** Figures of the bare transport, measured first in the same run, that later scenarios are divided by. */
export interface References {
  /** Request/response pairs per second with `sizes.bare.requestClients` clients. */
  requestsPerSecond?: number;
  /** Bare server CPU per request/response pair, µs: unlike the rate, barely moved by other load on the machine. */
  cpuPerRequestUs?: number;
  /** Server RSS per idle connected socket, bytes. */
  idleSocketRss?: number;
}

export interface BenchContext {
  readonly sizes: Sizes;
  readonly pool: GeneratorPool;
  /** Where server children write `--cpu-prof` profiles; `null`: no profiling. */
  readonly cpuProfileDir: string | null;
  readonly references: References;
  /** Progress for the person watching (stderr); the table is the output. */
  log(line: string): void;
}
