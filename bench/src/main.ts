/**
 * `pnpm bench [--quick]`: runs the load scenarios of issue 4 against real servers on loopback and prints one table.
 * Exits non-zero when any scenario sees a wrong result; speed is reported, never asserted.
 */
import { cpus, loadavg } from "node:os";
import { BenchFailure } from "./check.ts";
import { now } from "./clock.ts";
import { parseOptions } from "./options.ts";
import { GeneratorPool } from "./processes/generator-pool.ts";
import { SCENARIOS } from "./scenarios/all-scenarios.ts";
import type { BenchContext } from "./scenarios/context.ts";
import { FULL, maxClients, QUICK } from "./sizes.ts";
import { renderTable, type ResultRow } from "./table.ts";

const options = parseOptions(process.argv.slice(2));
// Other work on the machine skews every figure: the load averages before and after are printed with the table.
const loadBefore = loadavg();
const sizes = options.quick ? QUICK : FULL;
const started = now();
const log = (line: string) => process.stderr.write(`[bench ${((now() - started) / 1000).toFixed(1)} s] ${line}\n`);

const unknown = options.only?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.id).join(", ")}`);

const pool = await GeneratorPool.start(options.generators, maxClients(sizes));
const context: BenchContext = { sizes, pool, cpuProfileDir: options.cpuProfileDir, references: {}, log };
const rows: ResultRow[] = [];
let failure: unknown;
// The bare references run whenever a chosen scenario divides by them.
const chosen = SCENARIOS.filter((s) => s.id !== "bare" && (options.only === null || options.only.includes(s.id)));
const references = chosen.some((s) => s.needsReferences) || options.only === null;
try {
  for (const scenario of SCENARIOS) {
    if (scenario.id === "bare" ? !references : !chosen.includes(scenario)) continue;
    rows.push(...(await scenario.run(context)));
  }
} catch (error) {
  failure = error;
} finally {
  await pool.stop();
}

console.log(renderTable(rows));
const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(" ");
console.log(
  `\n${options.quick ? "quick" : "full"} run, ${options.generators} load generators, ${((now() - started) / 1000).toFixed(1)} s; ` +
    `load average before ${load(loadBefore)}, after ${load(loadavg())} (${cpus().length} CPUs)`,
);
if (failure !== undefined) {
  console.error(`\nFAILED${failure instanceof BenchFailure ? " (wrong result)" : ""}: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`);
  process.exitCode = 1;
}
