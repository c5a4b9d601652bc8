import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component, Json } from "../dsl/node.ts";
import type { Cell } from "../protocol/messages.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, nullable, type CheckContext } from "./definition.ts";
import { checkJson, describe, expected, isPlainObject } from "./value-checks.ts";

/** One row of a plot's data: a field per column, e.g. `{ model: "a", params: 7, score: 0.81 }`. */
export type PlotRow = { readonly [field: string]: Cell };

/** A list of rows of scalars: what LinePlot, BarPlot and ScatterPlot draw. `null` draws nothing. */
function checkRows(value: unknown, { limits }: CheckContext): string | undefined {
  if (value === null) return undefined;
  if (!Array.isArray(value)) return expected("a list of rows ({ field: value })", value);
  if (value.length > limits.maxNodes) return `expects at most ${limits.maxNodes} rows; got ${value.length}`;
  for (let i = 0; i < value.length; i++) {
    const row: unknown = value[i];
    if (typeof row !== "object" || row === null || Array.isArray(row) || !isPlainObject(row)) return `expects rows as objects; row ${i + 1} is ${describe(row)}`;
    for (const [field, cell] of Object.entries(row)) {
      const ok = cell === null || typeof cell === "string" || typeof cell === "boolean" || (typeof cell === "number" && Number.isFinite(cell));
      if (!ok) return `expects a string, number, boolean or null in row ${i + 1}, field ${JSON.stringify(field.slice(0, 40))}; got ${describe(cell)}`;
    }
  }
  return undefined;
}

const ROWS = {
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: checkRows,
  checkOutput: checkRows,
  schema: () =>
    nullable({ type: "array", items: { type: "object", additionalProperties: { type: ["string", "number", "boolean", "null"] } } }),
} as const;

export const linePlot = defineComponent({ type: "lineplot", name: "LinePlot", ...ROWS });
export const barPlot = defineComponent({ type: "barplot", name: "BarPlot", ...ROWS });
export const scatterPlot = defineComponent({ type: "scatterplot", name: "ScatterPlot", ...ROWS });

export const plot = defineComponent({
  type: "plot",
  name: "Plot",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: (value, { limits }) => checkSpec(value, limits),
  checkOutput: (value, { limits }) => checkSpec(value, limits),
  schema: () => nullable({ type: "object", description: "an ECharts option (https://echarts.apache.org/en/option.html)" }),
});

function checkSpec(value: unknown, limits: CheckContext["limits"]): string | undefined {
  if (value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) return expected("an ECharts option object or null", value);
  return checkJson(value, limits);
}

export interface RowPlotProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends Omit<CommonProps, "interactive">,
    Wiring<"onSelect", I, O> {
  value?: readonly PlotRow[] | null;
  /** The field on the x axis. */
  x: string;
  /** The field on the y axis. */
  y: string;
  /** A field whose values split the rows into series, one colour each. */
  color?: string;
  /** Fields listed in a point's tooltip. @default [x, y, color] */
  tooltip?: readonly string[];
  /** Shown above the plot. */
  title?: string;
  /** Axis titles. @default the field names */
  xTitle?: string;
  yTitle?: string;
  /** Height in CSS pixels. @default 320 */
  height?: number;
}

/** A `ScatterPlot`'s own: each point's size from a field. */
export interface ScatterPlotProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> extends RowPlotProps<I, O> {
  size?: string;
}

/** Lines through rows, in `x` order, one per `color` value. `onSelect` gets the clicked point's row. */
export function LinePlot<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: RowPlotProps<I, O>,
): Component<PlotRow[] | null> {
  return createComponent(linePlot, props);
}

/** Bars, one per row (grouped by `color`). `onSelect` gets the clicked bar's row. */
export function BarPlot<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: RowPlotProps<I, O>,
): Component<PlotRow[] | null> {
  return createComponent(barPlot, props);
}

/** A point per row. `onSelect` gets the clicked point's row. */
export function ScatterPlot<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: ScatterPlotProps<I, O>,
): Component<PlotRow[] | null> {
  return createComponent(scatterPlot, props);
}

/** An ECharts option as JSON (functions can't travel; `formatter` strings are sanitised, links kept to http(s)). */
export type PlotSpec = { readonly [key: string]: Json };

export interface PlotProps extends Omit<CommonProps, "interactive"> {
  value?: PlotSpec | null;
  /** Height in CSS pixels. @default 360 */
  height?: number;
}

/** Any chart ECharts draws, from a whole option object (https://echarts.apache.org/en/option.html). */
export function Plot(props: PlotProps = {}): Component<PlotSpec | null> {
  return createComponent(plot, props);
}
