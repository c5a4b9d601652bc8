import type { LayoutNode } from "@blockwork/core";
import type { CSSProperties } from "react";

/** What a layout renderer gets: its id, its children, and its sizing from the parent. */
export interface LayoutRendererProps {
  readonly id: number;
  readonly nodes: readonly LayoutNode[];
  readonly style: CSSProperties | undefined;
}
