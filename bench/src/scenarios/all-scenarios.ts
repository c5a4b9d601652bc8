import type { ResultRow } from "../table.ts";
import { apiDoorsScenario } from "./api-doors.ts";
import { bareTransport } from "./bare-transport.ts";
import type { BenchContext } from "./context.ts";
import { overheadScenario } from "./overhead.ts";
import { installedPackageScenario } from "./installed-package.ts";
import { pageLoadScenario } from "./page-load.ts";
import { scaleoutScenario } from "./scaleout.ts";
import { sharedQueueScenario } from "./shared-queue.ts";
import { throughputScenario } from "./throughput.ts";
import { uploadScenario } from "./upload.ts";
import { waitingCrowdScenario } from "./waiting-crowd.ts";

export interface Scenario {
  readonly id: string;
  /** `false` for a scenario that divides by no bare reference: run alone (`--only`), it skips them. */
  readonly needsReferences: boolean;
  run(context: BenchContext): Promise<ResultRow[]>;
}

/** In order: the bare references first, since the Blockwork scenarios divide by them. */
export const SCENARIOS: readonly Scenario[] = [
  { id: "bare", needsReferences: false, run: bareTransport },
  { id: "throughput", needsReferences: true, run: throughputScenario },
  { id: "overhead", needsReferences: true, run: overheadScenario },
  { id: "crowd", needsReferences: true, run: waitingCrowdScenario },
  { id: "shared", needsReferences: true, run: sharedQueueScenario },
  { id: "page-load", needsReferences: false, run: pageLoadScenario },
  { id: "package", needsReferences: false, run: installedPackageScenario },
  { id: "scaleout", needsReferences: false, run: scaleoutScenario },
  { id: "upload", needsReferences: false, run: uploadScenario },
  { id: "api", needsReferences: false, run: apiDoorsScenario },
];
