import { expect, test } from "vitest";
import { SetIndex } from "./set-index.ts";

test("a key's entry goes with its last value, and an unknown key reads as empty", () => {
  const index = new SetIndex<string, number>();
  index.add("a", 1);
  index.add("a", 2);
  index.add("b", 3);
  index.delete("a", 1);
  expect([...index.get("a")]).toEqual([2]);
  index.delete("a", 2);
  index.delete("a", 2);
  expect(index.size).toBe(1);
  expect([...index.get("a")]).toEqual([]);
  expect([...index.take("b")]).toEqual([3]);
  expect(index.size).toBe(0);
  expect([...index.take("b")]).toEqual([]);
});

test("a value deleted while its key's values are iterated is skipped, and the entry still goes when empty", () => {
  const index = new SetIndex<string, number>();
  for (const n of [1, 2, 3]) index.add("k", n);
  const seen: number[] = [];
  for (const n of index.get("k")) {
    seen.push(n);
    index.delete("k", n);
    if (n === 1) index.delete("k", 2);
  }
  expect(seen).toEqual([1, 3]);
  expect(index.size).toBe(0);
});
