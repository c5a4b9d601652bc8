import type { PlotSpec } from "@blockwork/core";
import { init } from "echarts";
import { useEffect, useMemo, useRef } from "react";
import { useView } from "../../app/use-stores.ts";
import { Block, type RendererProps } from "../block.tsx";
import { controlId, FieldLabel } from "../field-label.tsx";
import { num, str } from "../read-props.ts";
import { safeSpec } from "./safe-spec.ts";
import { useChart, type ChartInit, type ChartInstance } from "./use-chart.ts";
import "./plot.css";

const initSvg: ChartInit = (element, theme) => init(element, theme, { renderer: "svg" }) as unknown as ChartInstance;

/** A whole ECharts option, drawn by the full library (every chart type), in the page's colours where it sets none. */
export function SpecPlot({ id, style }: RendererProps) {
  const { type, props, value } = useView(id);
  const spec = useMemo(() => (typeof value === "object" && value !== null && !Array.isArray(value) ? safeSpec(value as PlotSpec) : null), [value]);
  const host = useRef<HTMLDivElement>(null);
  const { animate, draw } = useChart(host, initSvg);
  const label = str(props, "label");

  useEffect(() => {
    draw({ textStyle: { fontFamily: "inherit" }, animation: animate, ...(spec ?? {}) });
  }, [draw, animate, spec]);

  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div className="bw-plot-frame" style={{ height: num(props, "height") ?? 360 }}>
        <div ref={host} className="bw-plot" role="img" aria-labelledby={label ? controlId(id, "label") : undefined} aria-label={label ? undefined : "Plot"} />
        {spec === null ? <div className="bw-plot-empty">No data</div> : null}
      </div>
    </Block>
  );
}
