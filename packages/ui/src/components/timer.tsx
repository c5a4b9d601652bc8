import type { RendererProps } from "./block.tsx";

/** A Timer is not drawn: the server paces its ticks and the runner answers them (see `TimerPacer`). */
export function Timer(_props: RendererProps) {
  return null;
}
