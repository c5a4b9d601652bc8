import { describe, expect, test } from "vitest";
import { parseCell } from "./parse-cell.ts";
import { nextSort, viewRows, visibleRange } from "./table-view.ts";

const rows = [
  ["b", 10, true],
  ["a", 2, null],
  ["c", null, false],
  ["A2", 2, true],
];

describe("the table's view", () => {
  test("sorts numbers as numbers, keeps ties in table order and empty cells last both ways", () => {
    expect(viewRows(rows, ["str", "number", "bool"], { column: 1, direction: "ascending" }, "")).toEqual([1, 3, 0, 2]);
    expect(viewRows(rows, ["str", "number", "bool"], { column: 1, direction: "descending" }, "")).toEqual([0, 1, 3, 2]);
    expect(viewRows(rows, ["str", "number", "bool"], { column: 0, direction: "ascending" }, "")).toEqual([1, 3, 0, 2]);
  });

  test("search keeps rows with a cell containing the query, any case, and sorts what it keeps", () => {
    expect(viewRows(rows, ["str", "number", "bool"], null, " a2 ")).toEqual([3]);
    expect(viewRows(rows, ["str", "number", "bool"], { column: 0, direction: "descending" }, "2")).toEqual([3, 1]);
    expect(viewRows(rows, ["str", "number", "bool"], null, "TRUE")).toEqual([0, 3]);
  });

  test("a header click cycles ascending, descending, none", () => {
    expect(nextSort(null, 2)).toEqual({ column: 2, direction: "ascending" });
    expect(nextSort({ column: 2, direction: "ascending" }, 2)).toEqual({ column: 2, direction: "descending" });
    expect(nextSort({ column: 2, direction: "descending" }, 2)).toBeNull();
    expect(nextSort({ column: 2, direction: "descending" }, 0)).toEqual({ column: 0, direction: "ascending" });
  });

  test("of 100,000 rows only the visible ones and the overscan are rendered", () => {
    expect(visibleRange(0, 400, 32, 100_000, 5)).toEqual({ start: 0, end: 18 });
    expect(visibleRange(32 * 50_000, 400, 32, 100_000, 5)).toEqual({ start: 49_995, end: 50_018 });
    expect(visibleRange(32 * 100_000, 400, 32, 100_000, 5)).toEqual({ start: 99_995, end: 100_000 });
  });
});

describe("an edited cell", () => {
  test("is read as its column's type, empty as null, and refused when it isn't one", () => {
    expect(parseCell(" 3.5 ", "number")).toEqual({ ok: true, cell: 3.5 });
    expect(parseCell("", "number")).toEqual({ ok: true, cell: null });
    expect(parseCell("3 apples", "number")).toEqual({ ok: false, error: "Enter a number" });
    expect(parseCell("Yes", "bool")).toEqual({ ok: true, cell: true });
    expect(parseCell("2024-02-30x", "date")).toMatchObject({ ok: false });
    expect(parseCell("2024-02-03", "date")).toEqual({ ok: true, cell: "2024-02-03" });
    expect(parseCell(" kept as typed ", "str")).toEqual({ ok: true, cell: " kept as typed " });
  });
});
