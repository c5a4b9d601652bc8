import { describe, expect, test } from "vitest";
import { LeftRanges } from "./left-ranges.ts";

describe("LeftRanges", () => {
  test("consecutive tickets merge into one range", () => {
    const left = new LeftRanges();
    for (const t of [3, 4, 5]) left.add(t);
    expect(left.count).toBe(3);
    expect(left.take()).toEqual([3, 6]);
    expect(left.count).toBe(0);
    expect(left.take()).toEqual([]);
  });

  test("out-of-order tickets come back sorted and merged", () => {
    const left = new LeftRanges();
    for (const t of [10, 2, 3, 11, 4, 7]) left.add(t);
    expect(left.take()).toEqual([2, 5, 7, 8, 10, 12]);
  });
});
