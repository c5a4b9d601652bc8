import type { ResultRow } from "../table.ts";
import { bareTransport } from "./bare-transport.ts";
import type { BenchContext } from "./context.ts";
import { overheadScenario } from "./overhead.ts";
import { pageLoadScenario } from "./page-load.ts";
import { scaleoutScenario } from "./scaleout.ts";
import { sharedQueueScenario } from "./shared-queue.ts";
import { throughputScenario } from "./throughput.ts";
import { waitingCrowdScenario } from "./waiting-crowd.ts";

export interface Scenario {
  readonly id: string;
  run(context: BenchContext): Promise<ResultRow[]>;
}

/** In order: the bare references first, since the Blockwork scenarios divide by them. */
export const SCENARIOS: readonly Scenario[] = [
  { id: "bare", run: bareTransport },
  { id: "throughput", run: throughputScenario },
  { id: "overhead", run: overheadScenario },
  { id: "crowd", run: waitingCrowdScenario },
  { id: "shared", run: sharedQueueScenario },
  { id: "page-load", run: pageLoadScenario },
  { id: "scaleout", run: scaleoutScenario },
];
