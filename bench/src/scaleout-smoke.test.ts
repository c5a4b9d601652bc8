import { expect, test } from "vitest";
import { GeneratorPool } from "./processes/generator-pool.ts";
import type { BenchContext } from "./scenarios/context.ts";
import { scaleoutQueueRun } from "./scenarios/scaleout-queue.ts";
import { QUICK, type Sizes } from "./sizes.ts";

const TINY: Sizes = { ...QUICK, scaleout: { ...QUICK.scaleout, queue: { processes: [2], clients: 20, limit: 2, jobMs: 50 } } };

// The scale-out harness end to end, for correctness only: a real redis-server, two server children sharing it, 20
// clients spread over both. `scaleoutQueueRun` throws on a wrong output, a job run twice or never, a limit not
// reached or exceeded, or a start order that is not FIFO; speed is never asserted here.
test("the scale-out queue run on 2 processes and one Redis: every job once, with its own output, limit reached and kept", async () => {
  const pool = await GeneratorPool.start(1, 20);
  try {
    const context: BenchContext = { sizes: TINY, pool, cpuProfileDir: null, references: {}, log: () => {} };
    const row = await scaleoutQueueRun(context, 2);
    expect(row.clients).toBe(20);
    expect(row.figures).toContain("highest concurrency 2");
  } finally {
    await pool.stop();
  }
}, 20_000);
