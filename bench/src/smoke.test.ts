import { expect, test } from "vitest";
import { GeneratorPool } from "./processes/generator-pool.ts";
import type { BenchContext } from "./scenarios/context.ts";
import { throughputRun } from "./scenarios/throughput.ts";
import { QUICK } from "./sizes.ts";

// The harness end to end, for correctness only: a real server child, a real load generator, 50 real clients.
// `throughputRun` throws on any wrong output, lost job or exceeded limit; speed is never asserted here.
test("scenario 1 with 50 clients: every job completes once with its own output, within the limit", async () => {
  const pool = await GeneratorPool.start(1, 50);
  try {
    const context: BenchContext = { sizes: QUICK, pool, cpuProfileDir: null, references: {}, log: () => {} };
    const row = await throughputRun(context, 50);
    expect(row.clients).toBe(50);
    expect(row.errors).toBe(0);
    expect(row.figures).toContain(`max concurrency ${QUICK.throughput.limit}`);
  } finally {
    await pool.stop();
  }
}, 15_000);
