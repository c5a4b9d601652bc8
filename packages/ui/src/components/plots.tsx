import { lazyRenderer } from "./lazy-renderer.tsx";

// ECharts loads with the first plot a page shows: the row plots need only its line, bar and scatter charts; a
// Plot, which may hold any chart, the whole library.
const rowPlots = () => import("./plot/row-plot.tsx");

export const LinePlot = lazyRenderer(() => rowPlots().then((m) => m.LinePlotView));
export const BarPlot = lazyRenderer(() => rowPlots().then((m) => m.BarPlotView));
export const ScatterPlot = lazyRenderer(() => rowPlots().then((m) => m.ScatterPlotView));
export const Plot = lazyRenderer(() => import("./plot/spec-plot.tsx").then((m) => m.SpecPlot));
