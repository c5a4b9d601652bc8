import { expect, test } from "vitest";
import { RecentIds } from "./recent-ids.ts";

test("keeps the last ids added, forgetting the oldest first (an id added again is new again)", () => {
  const recent = new RecentIds(2);
  recent.add("a");
  recent.add("b");
  recent.add("a");
  recent.add("c");
  expect(["a", "b", "c"].map((id) => recent.has(id))).toEqual([true, false, true]);
});
