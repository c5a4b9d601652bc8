import type { LayoutRendererProps } from "./layout-renderer-props.ts";
import type { LayoutNode } from "@blockwork/core";
import type { CSSProperties } from "react";
import { useView } from "../app/use-stores.ts";
import { bool, str } from "../components/read-props.ts";
import { LayoutChildren } from "./layout-node.tsx";

/** A collapsible section, open unless `open` is false. */
export function Accordion({ id, nodes, style }: LayoutRendererProps) {
  const { props } = useView(id);
  if (props.visible === false) return null;
  return (
    <details className="bw-accordion" id={str(props, "elemId")} data-testid={`component-${id}`} style={style} open={bool(props, "open") ?? true}>
      <summary className="bw-accordion-summary">{str(props, "label") ?? "Details"}</summary>
      <div className="bw-accordion-body">
        <LayoutChildren nodes={nodes} parentType="accordion" />
      </div>
    </details>
  );
}
