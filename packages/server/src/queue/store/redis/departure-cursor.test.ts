import { describe, expect, it } from "vitest";
import { DepartureCursor } from "./departure-cursor.ts";

describe("DepartureCursor", () => {
  it("merges consumed departures into ranges and skips those an overlapping read already reported", () => {
    const cursor = new DepartureCursor();
    expect(cursor.take(0, [3, 1, 2, 7])).toEqual([1, 4, 7, 8]);
    expect(cursor.take(2, [2, 7, 9])).toEqual([9, 10]);
    expect(cursor.position).toBe(5);
  });

  it("counts unreported departures in a queued rank, and takes off those an update reported first", () => {
    const cursor = new DepartureCursor();
    cursor.take(0, [10, 11]);
    // Sent at cursor 2; the log had 4 departures, all ahead of the new ticket 20.
    expect(cursor.rank(5, 20, 4, 2, 2)).toBe(7);
    // An update (departures 2..5: tickets 12, 13, 25, 14) was applied before the reply of a submit that saw 2.
    cursor.take(2, [12, 13, 25, 14]);
    expect(cursor.rank(5, 20, 2, 2, 0)).toBe(5 - 3);
  });
});
