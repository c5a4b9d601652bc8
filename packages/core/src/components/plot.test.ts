import { describe, expect, test } from "vitest";
import { linePlot, plot } from "./plot.ts";
import { DEFAULT_VALUE_LIMITS } from "./value-checks.ts";

const limits = DEFAULT_VALUE_LIMITS;

describe("a plot's value", () => {
  test("LinePlot, BarPlot and ScatterPlot take rows of scalar fields, or null", () => {
    const ok = (value: unknown) => linePlot.checkInput(value, { props: {}, limits });
    expect(ok([{ x: 1, y: 2.5, label: "a", on: true, gap: null }])).toBeUndefined();
    expect(ok(null)).toBeUndefined();
    expect(ok({ x: 1 })).toBe("expects a list of rows ({ field: value }); got an object");
    expect(ok([{ x: 1 }, [1, 2]])).toBe("expects rows as objects; row 2 is an array of 2");
    expect(ok([{ x: Number.POSITIVE_INFINITY }])).toBe('expects a string, number, boolean or null in row 1, field "x"; got Infinity');
    expect(linePlot.checkOutput(new Array(limits.maxNodes + 1).fill({}), { props: {}, limits })).toBe(`expects at most ${limits.maxNodes} rows; got ${limits.maxNodes + 1}`);
  });

  test("Plot takes an ECharts option object of plain JSON, or null", () => {
    const ok = (value: unknown) => plot.checkOutput(value, { props: {}, limits });
    expect(ok({ series: [{ type: "pie", data: [1, 2] }] })).toBeUndefined();
    expect(ok([1])).toBe("expects an ECharts option object or null; got an array of 1");
    expect(ok({ deep: JSON.parse("[".repeat(80) + "]".repeat(80)) })).toBe("expects JSON nested at most 64 levels deep");
  });
});
