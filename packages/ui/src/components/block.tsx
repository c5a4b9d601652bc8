import type { CSSProperties, ReactNode } from "react";
import { useStatus } from "../app/use-stores.ts";
import { StatusTracker } from "../status/status-tracker.tsx";
import { str } from "./read-props.ts";

/** What the layout passes every component renderer. */
export interface RendererProps {
  readonly id: number;
  /** Sizing from the parent layout (a Row's `scale`/`minWidth`). */
  readonly style?: CSSProperties;
}

interface BlockProps extends RendererProps {
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly children: ReactNode;
  /** Drawn as a panel (inputs, outputs) or bare (buttons, prose). @default true */
  readonly panel?: boolean;
}

/**
 * The wrapper every component sits in: its DOM id, its test id, its visibility and, on outputs, the status
 * tracker (queue position, processing timer, error state).
 */
export function Block({ id, type, props, style, children, panel = true }: BlockProps) {
  const status = useStatus(id);
  if (props.visible === false) return null;
  const className = [
    "bw-block",
    `bw-block-${type}`,
    panel ? "bw-panel" : "",
    status.stage === "generating" ? "bw-generating" : "",
    status.stage === "error" ? "bw-has-error" : "",
    status.stage === "pending" || status.stage === "queued" || status.stage === "processing" ? "bw-is-pending" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={className} id={str(props, "elemId")} data-testid={`component-${id}`} style={style}>
      {children}
      <StatusTracker id={id} status={status} />
    </div>
  );
}
