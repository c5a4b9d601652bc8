import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { echartsTheme, readChartTheme, type ChartTheme } from "./plot-colors.ts";

/** What the hook needs of an ECharts instance (the core build's and the full build's alike). */
export interface ChartInstance {
  setOption(option: Record<string, unknown>, opts?: { notMerge?: boolean }): void;
  resize(): void;
  dispose(): void;
  on(event: "click", handler: (params: { data?: unknown }) => void): void;
  on(event: "finished", handler: () => void): void;
}

/** Makes an ECharts instance on an element, with a theme object. */
export type ChartInit = (element: HTMLDivElement, theme: Record<string, unknown>) => ChartInstance;

/**
 * An ECharts instance on `host`, themed with the page's colours and made again when the page switches between
 * light and dark (an ECharts theme is fixed at init); resized with its box. `null` until the first is made.
 * `animate` is false for the instances made after the first: a change of colours should not replay the entry.
 * `draw` sets a new option; the host is `aria-busy` until ECharts has finished drawing and animating it.
 */
export function useChart(
  host: RefObject<HTMLDivElement | null>,
  init: ChartInit,
): { chart: ChartInstance | null; theme: ChartTheme | null; animate: boolean; draw: (option: Record<string, unknown>) => void } {
  const [theme, setTheme] = useState<ChartTheme | null>(null);
  const [chart, setChart] = useState<{ readonly instance: ChartInstance; readonly first: boolean } | null>(null);
  const initRef = useRef(init);
  const made = useRef(0);

  useEffect(() => {
    const element = host.current!;
    const scheme = matchMedia("(prefers-color-scheme: dark)");
    const readTheme = (): void => setTheme(readChartTheme(element));
    scheme.addEventListener("change", readTheme);
    readTheme();
    return () => scheme.removeEventListener("change", readTheme);
  }, [host]);

  useEffect(() => {
    if (theme === null) return;
    const element = host.current!;
    const instance = initRef.current(element, echartsTheme(theme));
    instance.on("finished", () => element.setAttribute("aria-busy", "false"));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    setChart({ instance, first: made.current++ === 0 });
    return () => {
      resize.disconnect();
      instance.dispose();
      setChart(null);
    };
  }, [host, theme]);

  const instance = chart?.instance ?? null;
  const draw = useCallback(
    (option: Record<string, unknown>) => {
      if (instance === null) return;
      host.current?.setAttribute("aria-busy", "true");
      instance.setOption(option, { notMerge: true });
    },
    [instance, host],
  );
  return { chart: instance, theme, animate: chart?.first ?? true, draw };
}
