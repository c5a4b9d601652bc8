import { expect, test } from "vitest";
import { WaitingList, type ListNode } from "./waiting-list.ts";

interface Item extends ListNode<Item> {
  readonly n: number;
}
const item = (n: number): Item => ({ n, prev: null, next: null });

test("FIFO with removal from anywhere", () => {
  const list = new WaitingList<Item>();
  const items = [1, 2, 3, 4].map(item);
  for (const i of items) list.push(i);
  list.remove(items[1]!);
  list.remove(items[3]!);
  expect([...list].map((i) => i.n)).toEqual([1, 3]);
  expect(list.shift()?.n).toBe(1);
  expect(list.shift()?.n).toBe(3);
  expect(list.shift()).toBeUndefined();
  expect(list.size).toBe(0);
  list.push(items[0]!);
  expect([...list].map((i) => i.n)).toEqual([1]);
});
