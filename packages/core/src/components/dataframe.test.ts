import { describe, expect, test } from "vitest";
import { columnTypes, dataframe } from "./dataframe.ts";
import { DEFAULT_VALUE_LIMITS } from "./value-checks.ts";

const props = { headers: ["model", "score", "released", "open"], datatype: ["str", "number", "date", "bool"] };
const check = (value: unknown, as: "input" | "output" = "input") =>
  (as === "input" ? dataframe.checkInput : dataframe.checkOutput)(value, { props, limits: DEFAULT_VALUE_LIMITS });

describe("a Dataframe's value", () => {
  test("is a table of rows as long as its headers; an input keeps each column's type, an output any scalar", () => {
    const table = { headers: props.headers, rows: [["a", 1.5, "2024-05-01", true], ["b", null, null, null]] };
    expect(check(table)).toBeUndefined();
    expect(check({ ...table, rows: [["a", "1.5", "2024-05-01", true]] })).toBe('expects a finite number in row 1, column "score"; got the string "1.5"');
    expect(check({ ...table, rows: [["a", "1.5", "2024-05-01", true]] }, "output")).toBeUndefined();
    expect(check({ ...table, rows: [["a", 1, "May 1st", true]] })).toBe('expects an ISO date in row 1, column "released"; got the string "May 1st"');
    expect(check({ ...table, rows: [["a", 1]] })).toBe("expects rows of 4 cells; row 1 is an array of 2");
    expect(check({ ...table, rows: [["a", 1, null, { x: 1 }]] }, "output")).toBe('expects a string, number, boolean or null in row 1, column "open"; got an object');
    expect(check({ ...table, extra: 1 })).toBe('expects a table { headers: string[], rows: cell[][] }; got an extra field "extra"');
    expect(check([["a"]])).toBe("expects a table { headers: string[], rows: cell[][] }; got an array of 1");
  });

  test("a table of 100,000 rows passes: its size is bounded by the payload limit, not a cell count", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [`m${i}`, i, null, i % 2 === 0]);
    expect(check({ headers: props.headers, rows })).toBeUndefined();
  });

  test("its column types come from `datatype`, one for all or one each, `str` by default; its empty value keeps the headers", () => {
    expect(columnTypes({ datatype: "number" }, 2)).toEqual(["number", "number"]);
    expect(columnTypes({ datatype: ["bool", "nonsense"] }, 3)).toEqual(["bool", "str", "str"]);
    expect(dataframe.initial(props)).toEqual({ headers: props.headers, rows: [] });
    expect(dataframe.schema(props)).toMatchObject({ properties: { rows: { items: { prefixItems: [{}, { type: ["number", "null"] }, {}, { type: ["boolean", "null"] }] } } } });
  });
});
