import { describe, expect, test } from "vitest";
import { Job } from "./job.ts";
import { JobError, type JobEvent } from "./job-events.ts";
import { JobRun } from "./job-run.ts";

async function all(run: JobRun): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const event of run.log) events.push(event);
  return events;
}

describe("JobRun", () => {
  test("turns protocol messages into events, deriving positions from group updates and skipping ones that change nothing", async () => {
    const run = new JobRun();
    run.handle({ type: "queued", jobId: "j", groupId: "g", ticket: 10, rank: 3, size: 5, estimate: { firstMs: 1000, perRankMs: 500 } });
    expect(run.waitingIn).toBe("g");
    run.applyGroup({ type: "group", groupId: "other", left: [0, 100], size: 0, estimate: null });
    run.applyGroup({ type: "group", groupId: "g", left: [7, 9, 11, 12], size: 4, estimate: { firstMs: 1000, perRankMs: 500 } });
    run.applyGroup({ type: "group", groupId: "g", left: [], size: 4, estimate: { firstMs: 1000, perRankMs: 500 } });
    run.applyGroup({ type: "group", groupId: "g", left: [9, 10], size: 3, estimate: null });
    run.handle({ type: "started", jobId: "j", etaMs: 900 });
    expect(run.waitingIn).toBeNull();
    run.handle({ type: "progress", jobId: "j", fraction: 0.5, desc: "half" });
    run.handle({ type: "alert", jobId: "j", level: "info", message: "hi" });
    run.handle({ type: "partial", jobId: "j", data: ["a"] });
    run.handle({ type: "complete", jobId: "j", data: ["ab"] });
    run.handle({ type: "complete", jobId: "j", data: ["again"] });
    expect(await all(run)).toEqual([
      { type: "queued", position: 3, queueSize: 5, eta: 2500 },
      { type: "queued", position: 1, queueSize: 4, eta: 1500 },
      { type: "queued", position: 0, queueSize: 3, eta: null },
      { type: "started", eta: 900 },
      { type: "progress", fraction: 0.5, desc: "half" },
      { type: "alert", level: "info", message: "hi" },
      { type: "partial", data: ["a"] },
      { type: "complete", data: ["ab"] },
    ]);
  });

  test("an error ends the job; result() rejects with its code, and every iteration sees every event", async () => {
    const run = new JobRun();
    const job = new Job("x", run.log, { joined: Promise.resolve("j"), cancel: async () => {} });
    const early = all(run);
    run.handle({ type: "started", jobId: "j", etaMs: null });
    run.fail({ code: "handler", message: "boom", errorId: "abc123" });
    const error = await job.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({ code: "handler", message: "boom", errorId: "abc123" });
    const expected = [
      { type: "started", eta: null },
      { type: "error", code: "handler", message: "boom", errorId: "abc123" },
    ];
    expect(await early).toEqual(expected);
    expect(await all(run)).toEqual(expected);
    await job.joined;
    expect(job.id).toBe("j");
  });
});
