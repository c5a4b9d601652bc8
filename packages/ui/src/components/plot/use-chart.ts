import { useEffect, useRef, useState, type RefObject } from "react";
import { readChartTheme, type ChartTheme } from "./plot-colors.ts";

/** What the hook needs of an ECharts instance (the core build's and the full build's alike). */
export interface ChartInstance {
  setOption(option: Record<string, unknown>, opts?: { notMerge?: boolean }): void;
  resize(): void;
  dispose(): void;
  on(event: "click", handler: (params: { data?: unknown }) => void): void;
}

/**
 * An ECharts instance on `host` for the component's lifetime: resized with its box, and the theme's colours read
 * again when the page switches between light and dark.
 */
export function useChart(host: RefObject<HTMLDivElement | null>, init: (element: HTMLDivElement) => ChartInstance): { chart: ChartInstance | null; theme: ChartTheme | null } {
  const [chart, setChart] = useState<ChartInstance | null>(null);
  const [theme, setTheme] = useState<ChartTheme | null>(null);
  const initRef = useRef(init);
  useEffect(() => {
    const element = host.current!;
    const instance = initRef.current(element);
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    const scheme = matchMedia("(prefers-color-scheme: dark)");
    const readTheme = (): void => setTheme(readChartTheme(element));
    scheme.addEventListener("change", readTheme);
    readTheme();
    setChart(instance);
    return () => {
      scheme.removeEventListener("change", readTheme);
      resize.disconnect();
      instance.dispose();
      setChart(null);
    };
  }, [host]);
  return { chart, theme };
}
