// @vitest-environment jsdom
import { describe, expect, test } from "vitest";
import { rowPlotOption, splitSeries, tooltipContent, xAxisType } from "./row-plot-option.ts";

const theme = { text: "#111", muted: "#777", border: "#ddd", panel: "#fff" };
const rows = [
  { month: "2024-01-01", score: 70, family: "Qwen" },
  { month: "2024-02-01", score: 75, family: "Qwen" },
  { month: "2024-01-01", score: 60, family: "Phi" },
];

describe("a row plot's option", () => {
  test("splits rows into a series per colour, each point remembering its row", () => {
    expect(splitSeries(rows, { x: "month", y: "score", color: "family" })).toEqual([
      { name: "Qwen", points: [{ value: ["2024-01-01", 70], row: 0 }, { value: ["2024-02-01", 75], row: 1 }] },
      { name: "Phi", points: [{ value: ["2024-01-01", 60], row: 2 }] },
    ]);
  });

  test("lays x out as numbers, dates or categories by what the rows hold; bars are always by category", () => {
    expect(xAxisType([{ x: 1 }, { x: 2.5 }], "x")).toBe("value");
    expect(xAxisType(rows, "month")).toBe("time");
    expect(xAxisType([{ x: "a" }, { x: 3 }], "x")).toBe("category");
    const bar = rowPlotOption("bar", rows, { x: "family", y: "score" }, theme, () => document.createElement("div")) as { xAxis: { data: string[] }; series: { data: unknown[] }[] };
    expect(bar.xAxis.data).toEqual(["Qwen", "Phi"]);
    expect(bar.series[0]!.data).toEqual([{ value: 75, row: 1 }, { value: 60, row: 2 }]);
  });

  test("a tooltip is built from text nodes: labels and values that look like markup stay text", () => {
    const hostile = [{ name: '<img src=x onerror="window.pwned=1">', score: 1 }];
    const tooltip = tooltipContent(hostile, [{ row: 0, color: "#f00" }], ["name", "score"]);
    expect(tooltip.querySelector("img")).toBeNull();
    expect(tooltip.textContent).toBe('name: <img src=x onerror="window.pwned=1">score: 1');
  });
});
