import type { CSSProperties } from "react";

/** Gradio's default minimum width of a Row's child, in CSS pixels: below it the row wraps. */
const DEFAULT_MIN_WIDTH = 160;

/** How a Row shares its width: `scale` is the share (0 = its natural width), `minWidth` where it wraps. */
export function rowChildStyle(props: Readonly<Record<string, unknown>>): CSSProperties {
  const scale = typeof props.scale === "number" && props.scale >= 0 ? props.scale : 1;
  const minWidth = typeof props.minWidth === "number" && props.minWidth >= 0 ? props.minWidth : DEFAULT_MIN_WIDTH;
  return scale === 0 ? { flex: "0 0 auto" } : { flex: `${scale} 1 0%`, minWidth: `min(${minWidth}px, 100%)` };
}
