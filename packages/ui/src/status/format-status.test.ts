import { describe, expect, it } from "vitest";
import { formatProgress, formatStatusMeta, progressFraction } from "./format-status.ts";
import { pendingStatus, progressStatus, queuedStatus, startedStatus } from "./next-status.ts";

describe("formatStatusMeta", () => {
  const pending = pendingStatus(1_000);

  it("shows only the timer before any queue news", () => {
    expect(formatStatusMeta(pending, 1_340)).toBe("0.3s");
  });

  it("shows the 1-based position, the size and elapsed/total while queued", () => {
    // Queued 0.5 s after going pending, with 4.5 s to go: 5.0 s in total.
    const queued = queuedStatus(pending, { rank: 2, size: 10, etaMs: 4_500 }, 1_500);
    expect(formatStatusMeta(queued, 3_100)).toBe("queue: 3/10 | 2.1/5.0s");
  });

  it("omits the total while the ETA is unknown", () => {
    const queued = queuedStatus(pending, { rank: 0, size: 1, etaMs: null }, 1_200);
    expect(formatStatusMeta(queued, 2_000)).toBe("queue: 1/1 | 1.0s");
  });

  it("shows processing with the run's ETA added to the time already spent", () => {
    const started = startedStatus(pending, 3_000, 2_000);
    expect(formatStatusMeta(started, 2_200)).toBe("processing | 1.2/4.0s");
    expect(formatStatusMeta(startedStatus(pending, null, 2_000), 2_200)).toBe("processing | 1.2s");
  });

  it("says nothing while generating", () => {
    expect(formatStatusMeta({ ...pending, stage: "generating" }, 5_000)).toBe("");
  });

  it("keeps processing after progress, even without a started message", () => {
    const p = progressStatus(pending, { type: "progress", jobId: "j", fraction: 0.5, desc: "Steps" });
    expect(p.stage).toBe("processing");
    expect(formatStatusMeta(p, 2_000)).toBe("processing | 1.0s");
  });
});

describe("progress", () => {
  it("captions a count or a percentage", () => {
    expect(formatProgress({ fraction: null, done: 3, total: 10, desc: "Denoising" })).toBe("Denoising - 3/10");
    expect(formatProgress({ fraction: 0.456 })).toBe("45.6%");
    expect(formatProgress({ fraction: null, desc: "Loading" })).toBe("Loading");
  });

  it("fills the bar from the fraction or the count", () => {
    expect(progressFraction({ fraction: 1.5 })).toBe(1);
    expect(progressFraction({ fraction: null, done: 1, total: 4 })).toBe(0.25);
    expect(progressFraction({ fraction: null, done: 1 })).toBeNull();
  });
});
