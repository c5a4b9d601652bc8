import type { PlotRow } from "@blockwork/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";
import { useApp } from "../../app/app-context.ts";
import { useView } from "../../app/use-stores.ts";
import { Block, type RendererProps } from "../block.tsx";
import { controlId, FieldLabel } from "../field-label.tsx";
import { num, str, strings } from "../read-props.ts";
import { rowPlotOption, tooltipContent, tooltipFields, type RowPlotKind, type RowPlotSettings } from "./row-plot-option.ts";
import { useChart, type ChartInit, type ChartInstance } from "./use-chart.ts";
import "./plot.css";

// Only the charts and parts the row plots draw: a fraction of the whole library. The SVG renderer keeps text crisp
// and every mark a DOM node.
use([LineChart, BarChart, ScatterChart, GridComponent, TooltipComponent, TitleComponent, LegendComponent, SVGRenderer]);

const initSvg: ChartInit = (element, theme) => init(element, theme, { renderer: "svg" }) as unknown as ChartInstance;

/** The renderer of LinePlot, BarPlot or ScatterPlot (`kind`): rows drawn by ECharts, `select` on a click. */
export function rowPlot(kind: RowPlotKind) {
  return function RowPlot({ id, style }: RendererProps) {
    const { runner } = useApp();
    const { type, props, value } = useView(id);
    const rows = useMemo(() => toRows(value), [value]);
    const host = useRef<HTMLDivElement>(null);
    const { chart, theme, animate, draw } = useChart(host, initSvg);
    const settings: RowPlotSettings = {
      x: str(props, "x") ?? "x",
      y: str(props, "y") ?? "y",
      color: str(props, "color"),
      size: str(props, "size"),
      tooltip: strings(props, "tooltip"),
      title: str(props, "title"),
      xTitle: str(props, "xTitle"),
      yTitle: str(props, "yTitle"),
    };
    const settingsKey = JSON.stringify(settings);
    const label = str(props, "label");

    useEffect(() => {
      if (!theme) return;
      const fields = tooltipFields(settings);
      const option = rowPlotOption(kind, rows, settings, theme, (entries) => tooltipContent(rows, entries, fields));
      draw(animate ? option : { ...option, animation: false });
      // `settings` is read through its key: a new object each render.
    }, [draw, theme, animate, rows, settingsKey]);

    const rowsRef = useRef(rows);
    rowsRef.current = rows;
    useEffect(() => {
      if (!chart) return;
      chart.on("click", ({ data }) => {
        const row = typeof data === "object" && data !== null ? (data as { row?: unknown }).row : undefined;
        const point = typeof row === "number" ? rowsRef.current[row] : undefined;
        if (point && typeof row === "number") runner.trigger(id, "select", { eventData: { kind: "point", index: row, value: { ...point }, selected: true } });
      });
    }, [chart, runner, id]);

    return (
      <Block id={id} type={type} props={props} style={style}>
        <FieldLabel id={controlId(id, "label")} label={label} info={str(props, "info")} />
        <div className="bw-plot-frame" style={{ height: num(props, "height") ?? 320 }}>
          <div
            ref={host}
            className="bw-plot"
            role="img"
            aria-labelledby={label ? controlId(id, "label") : undefined}
            aria-label={label ? undefined : (settings.title ?? `${settings.y} by ${settings.x}`)}
            data-points={rows.length}
          />
          {rows.length === 0 ? <div className="bw-plot-empty">No data</div> : null}
        </div>
      </Block>
    );
  };
}

function toRows(value: unknown): PlotRow[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is PlotRow => typeof r === "object" && r !== null && !Array.isArray(r));
}

export const LinePlotView = rowPlot("line");
export const BarPlotView = rowPlot("bar");
export const ScatterPlotView = rowPlot("scatter");
