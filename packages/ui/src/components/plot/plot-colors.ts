/** Series colours, readable on the light and the dark panel alike. */
export const SERIES_COLORS = ["#f97316", "#3b82f6", "#22c55e", "#a855f7", "#eab308", "#ec4899", "#14b8a6", "#ef4444", "#64748b", "#84cc16"];

/** The theme's colours a chart draws its text, axes and tooltip with (ECharts takes colours, not CSS variables). */
export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly panel: string;
}

export function readChartTheme(element: Element): ChartTheme {
  const css = getComputedStyle(element);
  const get = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return { text: get("--bw-text", "#18181b"), muted: get("--bw-text-3", "#71717a"), border: get("--bw-border", "#e4e4e7"), panel: get("--bw-panel", "#ffffff") };
}

/**
 * The theme's colours as an ECharts theme, for what an option leaves unstyled (a Plot's axes, legend and
 * tooltip): ECharts' own default is for a white page.
 */
export function echartsTheme(theme: ChartTheme): Record<string, unknown> {
  const axis = {
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.border } },
    nameTextStyle: { color: theme.muted },
  };
  return {
    color: SERIES_COLORS,
    backgroundColor: "transparent",
    textStyle: { color: theme.text },
    title: { textStyle: { color: theme.text }, subtextStyle: { color: theme.muted } },
    legend: { textStyle: { color: theme.text } },
    tooltip: { backgroundColor: theme.panel, borderColor: theme.border, textStyle: { color: theme.text } },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    logAxis: axis,
  };
}
