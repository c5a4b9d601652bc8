import { parseArgs } from "node:util";

export interface BenchOptions {
  readonly quick: boolean;
  /** Load-generator processes. @default 3: on a 2-core machine more only adds scheduling noise. */
  readonly generators: number;
  /** Scenario ids to run (with the bare references whenever one of them divides by them). @default all */
  readonly only: readonly string[] | null;
  /** Directory for the server children's `--cpu-prof` profiles; `null`: no profiling. */
  readonly cpuProfileDir: string | null;
}

export const USAGE = `usage: pnpm bench [--quick] [--generators N] [--only throughput,overhead,crowd,shared,page-load,package,scaleout,upload,api] [--cpu-prof DIR]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: "boolean", default: false },
      generators: { type: "string", default: "3" },
      only: { type: "string" },
      "cpu-prof": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const generators = Number(values.generators);
  if (!Number.isInteger(generators) || generators < 1 || generators > 16) throw new Error(`--generators must be an integer from 1 to 16\n${USAGE}`);
  return {
    quick: values.quick,
    generators,
    only: values.only ? values.only.split(",").map((s) => s.trim()) : null,
    cpuProfileDir: values["cpu-prof"] ?? null,
  };
}
