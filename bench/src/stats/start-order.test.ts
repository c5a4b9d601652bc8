import { expect, test } from "vitest";
import { startOrder } from "./start-order.ts";

test("a start order equal to the arrival order has no overtakes", () => {
  expect(startOrder(["a", "b", "c"], new Map([["a", 1], ["b", 2], ["c", 2]]))).toEqual({ overtakes: 0, worstMs: 0 });
});

test("a job that starts before an earlier arrival is an overtake, measured against the latest earlier start", () => {
  const starts = new Map([["a", 10], ["b", 30], ["c", 25], ["d", 5], ["e", 40]]);
  expect(startOrder(["a", "b", "c", "d", "e"], starts)).toEqual({ overtakes: 2, worstMs: 25 });
});

test("jobs without a start are skipped", () => {
  expect(startOrder(["a", "b", "c"], new Map([["a", 10], ["c", 11]]))).toEqual({ overtakes: 0, worstMs: 0 });
});
