import { expect, test } from "vitest";
import { cloneInitial } from "./clone-initial.ts";

test("plain data is cloned, so sessions never share it", () => {
  const initial = { history: [["hi", "hello"]], seen: new Set([1]), counts: new Map([["a", 1]]) };
  const copy = cloneInitial(initial);
  expect(copy).toEqual(initial);
  expect(copy).not.toBe(initial);
  expect(copy.history).not.toBe(initial.history);
  expect(copy.seen).not.toBe(initial.seen);
});

test("functions and class instances are shared rather than damaged", () => {
  class Model {
    predict(): number {
      return 1;
    }
  }
  const model = new Model();
  expect(cloneInitial(model)).toBe(model);
  const withFn = { f: () => 1 };
  expect(cloneInitial(withFn)).toBe(withFn);
  const nested = { model };
  expect(cloneInitial(nested)).toBe(nested);
  expect(cloneInitial(42)).toBe(42);
});
