import type { Cell, PlotRow } from "@blockwork/core";
import { SERIES_COLORS, type ChartTheme } from "./plot-colors.ts";

export type RowPlotKind = "line" | "bar" | "scatter";

/** A row plot's props, as the config carries them (read with their types). */
export interface RowPlotSettings {
  readonly x: string;
  readonly y: string;
  readonly color?: string | undefined;
  readonly size?: string | undefined;
  readonly tooltip?: readonly string[] | undefined;
  readonly title?: string | undefined;
  readonly xTitle?: string | undefined;
  readonly yTitle?: string | undefined;
}

/** One data item: its coordinates, and the index of the row it came from (for tooltips and `select`). */
export interface PlotPoint {
  readonly value: readonly [Cell, Cell] | readonly [Cell, Cell, Cell];
  readonly row: number;
}

export interface PlotSeries {
  readonly name: string;
  readonly points: readonly PlotPoint[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** How the x values are laid out: numbers on a value axis, ISO dates on a time axis, anything else by category. */
export function xAxisType(rows: readonly PlotRow[], x: string): "value" | "time" | "category" {
  const values = rows.map((r) => r[x] ?? null).filter((v) => v !== null);
  if (values.length > 0 && values.every((v) => typeof v === "number")) return "value";
  if (values.length > 0 && values.every((v) => typeof v === "string" && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)))) return "time";
  return "category";
}

/** The rows split into series by the `color` field (one series without it), keeping the rows' order. */
export function splitSeries(rows: readonly PlotRow[], settings: RowPlotSettings): PlotSeries[] {
  const series = new Map<string, PlotPoint[]>();
  rows.forEach((row, index) => {
    const name = settings.color === undefined ? settings.y : String(row[settings.color] ?? "");
    let points = series.get(name);
    if (!points) series.set(name, (points = []));
    const x = row[settings.x] ?? null;
    const y = row[settings.y] ?? null;
    points.push({ value: settings.size === undefined ? [x, y] : [x, y, row[settings.size] ?? null], row: index });
  });
  return [...series].map(([name, points]) => ({ name, points }));
}

/** The fields a point's tooltip lists. */
export function tooltipFields(settings: RowPlotSettings): string[] {
  if (settings.tooltip && settings.tooltip.length > 0) return [...settings.tooltip];
  return [settings.x, settings.y, ...(settings.color === undefined ? [] : [settings.color])];
}

/**
 * A tooltip as DOM nodes built from text, never from HTML: a label or value that looks like markup stays text.
 * Each row gets its series' colour swatch and its fields.
 */
export function tooltipContent(rows: readonly PlotRow[], entries: readonly { readonly row: number; readonly color: string }[], fields: readonly string[]): HTMLElement {
  const root = document.createElement("div");
  root.className = "bw-plot-tooltip";
  for (const { row, color } of entries) {
    const data = rows[row];
    if (!data) continue;
    const block = document.createElement("div");
    block.className = "bw-plot-tooltip-row";
    block.style.setProperty("--bw-series-color", color);
    for (const field of fields) {
      const line = document.createElement("div");
      const name = document.createElement("span");
      name.className = "bw-plot-tooltip-field";
      name.textContent = `${field}: `;
      const value = document.createElement("span");
      value.textContent = formatCell(data[field] ?? null);
      line.append(name, value);
      block.append(line);
    }
    root.append(block);
  }
  return root;
}

function formatCell(cell: Cell): string {
  if (cell === null) return "—";
  if (typeof cell === "number") return Number.isInteger(cell) ? cell.toLocaleString("en-US") : cell.toLocaleString("en-US", { maximumFractionDigits: 4 });
  return String(cell);
}

/**
 * The ECharts option of a row plot. Line and bar plots show the tooltip of every series at the hovered x (an
 * axis tooltip); a scatter plot, the hovered point's. `tooltip` builds the tooltip's content from row indexes.
 */
export function rowPlotOption(
  kind: RowPlotKind,
  rows: readonly PlotRow[],
  settings: RowPlotSettings,
  theme: ChartTheme,
  tooltip: (entries: readonly { readonly row: number; readonly color: string }[]) => HTMLElement,
): Record<string, unknown> {
  const series = splitSeries(rows, settings);
  const xType = kind === "bar" ? "category" : xAxisType(rows, settings.x);
  const categories = xType === "category" ? [...new Set(rows.map((r) => String(r[settings.x] ?? "")))] : undefined;
  const axisText = { color: theme.muted };
  const axisLine = { lineStyle: { color: theme.border } };
  const sizes = settings.size === undefined ? [] : rows.map((r) => r[settings.size!]).filter((v): v is number => typeof v === "number");
  const maxSize = sizes.length > 0 ? Math.max(...sizes) : 1;
  return {
    animation: rows.length <= 2_000,
    color: SERIES_COLORS,
    textStyle: { color: theme.text, fontFamily: "inherit" },
    ...(settings.title ? { title: { text: settings.title, left: "center", textStyle: { color: theme.text, fontSize: 15, fontWeight: 600 } } } : {}),
    legend: series.length > 1 ? { type: "scroll", bottom: 0, itemGap: 16, textStyle: { color: theme.text }, pageTextStyle: { color: theme.text } } : { show: false },
    grid: { left: 12, right: 24, top: settings.title ? 56 : 32, bottom: series.length > 1 ? 60 : 30, containLabel: true },
    tooltip: {
      trigger: kind === "scatter" ? "item" : "axis",
      axisPointer: { type: kind === "bar" ? "shadow" : "line" },
      backgroundColor: theme.panel,
      borderColor: theme.border,
      textStyle: { color: theme.text },
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { data?: { row?: unknown } | null; color?: unknown }[];
        return tooltip(
          list.flatMap((p) => (typeof p.data?.row === "number" ? [{ row: p.data.row, color: typeof p.color === "string" ? p.color : SERIES_COLORS[0]! }] : [])),
        );
      },
    },
    xAxis: {
      type: xType,
      ...(categories ? { data: categories } : { scale: true }),
      name: settings.xTitle ?? settings.x,
      nameLocation: "middle",
      nameGap: 28,
      nameTextStyle: axisText,
      axisLabel: { ...axisText, hideOverlap: true },
      axisLine,
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      scale: kind !== "bar",
      name: settings.yTitle ?? settings.y,
      nameTextStyle: { ...axisText, align: "left" },
      axisLabel: axisText,
      axisLine,
      splitLine: { lineStyle: { color: theme.border } },
    },
    series: series.map(({ name, points }) => ({
      type: kind,
      name,
      data: categories ? alignToCategories(points, categories) : (kind === "line" ? sortByX(points) : points).map((p) => ({ value: [...p.value], row: p.row })),
      ...(kind === "line" ? { showSymbol: points.length <= 200, symbolSize: 7 } : {}),
      ...(kind === "scatter"
        ? { symbolSize: settings.size === undefined ? 10 : (value: readonly unknown[]) => 6 + 24 * Math.sqrt(Math.max(0, Number(value[2]) || 0) / maxSize) }
        : {}),
      ...(kind === "bar" ? { barMaxWidth: 48, itemStyle: { borderRadius: [4, 4, 0, 0] } } : {}),
      emphasis: { focus: "series" },
    })),
  };
}

/** On a category axis, each series has one item per category (its last row there), `null` where it has none. */
function alignToCategories(points: readonly PlotPoint[], categories: readonly string[]): ({ value: Cell; row: number } | null)[] {
  const byCategory = new Map<string, PlotPoint>();
  for (const point of points) byCategory.set(String(point.value[0] ?? ""), point);
  return categories.map((c) => {
    const point = byCategory.get(c);
    return point ? { value: point.value[1], row: point.row } : null;
  });
}

/** A line joins its points in x order, whatever the rows' order. */
function sortByX(points: readonly PlotPoint[]): PlotPoint[] {
  const key = (p: PlotPoint): number => (typeof p.value[0] === "number" ? p.value[0] : Date.parse(String(p.value[0])));
  return [...points].sort((a, b) => key(a) - key(b));
}
