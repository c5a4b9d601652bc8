import { afterAll, beforeAll, expect, test } from "vitest";
import { GeneratorPool } from "./processes/generator-pool.ts";
import { apiMixedRun } from "./scenarios/api-mixed-run.ts";
import type { BenchContext } from "./scenarios/context.ts";
import { throughputRun } from "./scenarios/throughput.ts";
import { QUICK, type Sizes } from "./sizes.ts";

// The harness end to end, for correctness only: real server children, one real load generator (shared by the tests:
// starting one is most of a test's time), real clients. Each run throws on a wrong result; speed is never asserted.
let pool: GeneratorPool;
beforeAll(async () => {
  pool = await GeneratorPool.start(1, 50);
}, 15_000);
afterAll(() => pool.stop());

const context = (sizes: Sizes): BenchContext => ({ sizes, pool, cpuProfileDir: null, references: {}, log: () => {} });

// `throughputRun` throws on any wrong output, lost job or exceeded limit.
test("scenario 1 with 50 clients: every job completes once with its own output, within the limit", async () => {
  const row = await throughputRun(context(QUICK), 50);
  expect(row.clients).toBe(50);
  expect(row.errors).toBe(0);
  expect(row.figures).toContain(`max concurrency ${QUICK.throughput.limit}`);
}, 15_000);

// Issue 12's three doors on one listener (the CPU phase runs in `pnpm bench --quick`; here it would double the time):
// the run throws on a wrong output, a job run twice, the limit exceeded or a job started ahead of one accepted before
// it was sent.
test("the api scenario's mixed run, 15 clients over socket, REST and Gradio's client: every job right and in FIFO order", async () => {
  const rows = await apiMixedRun(context({ ...QUICK, api: { ...QUICK.api, clients: 15 } }));
  expect(rows.map((r) => [r.scenario.replace(/ \(.*\)$/, ""), r.clients])).toEqual([
    ["api: 3 doors, one listener", 15],
    ["api: socket clients of that run", 5],
    ["api: rest clients of that run", 5],
    ["api: gradio clients of that run", 5],
  ]);
  expect(rows[0]!.figures).toContain(`max concurrency ${QUICK.api.limit}`);
}, 15_000);
