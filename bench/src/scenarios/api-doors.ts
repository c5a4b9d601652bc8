import type { ResultRow } from "../table.ts";
import { apiDoorCpu } from "./api-door-cpu.ts";
import { apiMixedRun } from "./api-mixed-run.ts";
import type { BenchContext } from "./context.ts";

/** `--only api` (issue 12, must-show 4): the three doors on one listener, then each door's CPU per event. */
export async function apiDoorsScenario(context: BenchContext): Promise<ResultRow[]> {
  return [...(await apiMixedRun(context)), ...(await apiDoorCpu(context))];
}
