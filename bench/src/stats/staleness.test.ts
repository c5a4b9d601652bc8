import { expect, test } from "vitest";
import type { JobObservation } from "../workloads/job-observation.ts";
import { staleness } from "./staleness.ts";

const observation = (id: string, positions: number[], startedAt: number | null = null): JobObservation => ({
  id,
  api: "run",
  submitAt: 0,
  joinedAt: null,
  queuedAt: positions[0] ?? null,
  positions,
  startedAt,
  endAt: null,
  outcome: "unfinished",
  errorCode: null,
  outputOk: false,
});

// Jobs a, b, c, d arrive in that order; a starts at 0 (never queued), b at 100, c at 200.
const base = { arrivalOrder: ["a", "b", "c", "d"], dequeuesFrom: 0, dequeuesTo: 1_000, observedUntil: 1_000 };
const starts = new Map([
  ["a", 0],
  ["b", 100],
  ["c", 200],
]);

test("a lag is the time from a dequeue to the first position that reflects it; starting counts", () => {
  // At time 1, b and c wait ahead of d, and b ahead of c.
  const d = observation("d", [1, 2, 150, 1, 260, 0]);
  const c = observation("c", [1, 1], 201);
  const result = staleness({ ...base, starts, observations: [c, d] });
  // c: b's start at 100 is learnt at 201 (c starts). d: b at 100 → shown at 150; c at 200 → shown at 260.
  expect([...result.lags].sort((x, y) => x - y)).toEqual([50, 60, 101]);
  expect(result.censored).toBe(0);
});

test("a client that never catches up is censored at the end of observation", () => {
  const d = observation("d", [1, 2]);
  const result = staleness({ ...base, starts, observations: [d] });
  expect([...result.lags]).toEqual([900, 800]);
  expect(result.censored).toBe(2);
});

test("showing fewer jobs ahead than the truth fails", () => {
  const d = observation("d", [1, 1]);
  expect(() => staleness({ ...base, starts, observations: [d] })).toThrow(/still ahead/);
});

test("starts after the observation are not held to arrival order (the crowd is being cancelled then)", () => {
  const late = new Map([...starts, ["d", 1_500]]);
  const lateSwapped = new Map([
    ["a", 0],
    ["b", 100],
    ["d", 1_500],
  ]);
  expect(() => staleness({ ...base, starts: late, observations: [] })).not.toThrow();
  expect(() => staleness({ ...base, starts: lateSwapped, observations: [] })).not.toThrow();
});

test("a start order other than the arrival order fails", () => {
  const swapped = new Map([
    ["a", 0],
    ["c", 100],
    ["b", 200],
  ]);
  expect(() => staleness({ ...base, starts: swapped, observations: [] })).toThrow(/not FIFO/);
});
