import type { ResultRow } from "../table.ts";
import type { BenchContext } from "./context.ts";
import { scaleoutCpuScenario } from "./scaleout-cpu.ts";
import { scaleoutQueueRun } from "./scaleout-queue.ts";

/** Issue 9's must-show 7: the queue on 1, 2 and 4 processes sharing one Redis, then the CPU-bound runs. */
export async function scaleoutScenario(context: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const processes of context.sizes.scaleout.queue.processes) rows.push(await scaleoutQueueRun(context, processes));
  rows.push(...(await scaleoutCpuScenario(context)));
  return rows;
}
