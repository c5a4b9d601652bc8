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

test("an id deleted is forgotten, and deleting says whether it was there", () => {
  const recent = new RecentIds(2);
  recent.add("a");
  expect([recent.delete("a"), recent.delete("a"), recent.has("a")]).toEqual([true, false, false]);
});
