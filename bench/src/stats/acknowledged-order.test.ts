import { expect, test } from "vitest";
import { acknowledgedOrder, type TimedJoin } from "./acknowledged-order.ts";

const join = (id: string, sentAt: number, acceptedAt: number, startedAt: number): TimedJoin => ({ id, sentAt, acceptedAt, startedAt });

test("jobs accepted one after another and started in that order: every later job is ordered, none overtakes", () => {
  const result = acknowledgedOrder([join("a", 0, 1, 10), join("b", 2, 3, 11), join("c", 4, 5, 12)]);
  expect(result).toEqual({ ordered: 2, overtakes: 0, worstMs: 0, example: null });
});

test("a job sent after another was accepted but started first is an overtake, with how far it led", () => {
  const result = acknowledgedOrder([join("a", 0, 1, 20), join("b", 2, 3, 11), join("c", 4, 5, 25)]);
  expect(result).toEqual({ ordered: 2, overtakes: 1, worstMs: 9, example: { earlier: "a", later: "b" } });
});

test("joins in flight at the same time may start in either order", () => {
  const result = acknowledgedOrder([join("a", 0, 5, 20), join("b", 1, 4, 10)]);
  expect(result).toEqual({ ordered: 0, overtakes: 0, worstMs: 0, example: null });
});
