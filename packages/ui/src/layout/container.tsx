import type { LayoutRendererProps } from "./layout-renderer-props.ts";
import type { LayoutNode } from "@blockwork/core";
import type { CSSProperties } from "react";
import { useView } from "../app/use-stores.ts";
import { str } from "../components/read-props.ts";
import { LayoutChildren } from "./layout-node.tsx";

/** The page root, a Row, a Column, a Group or a Tab's content: a flex box of its children. */
export function Container({ id, nodes, style }: LayoutRendererProps) {
  const { type, props } = useView(id);
  if (props.visible === false) return null;
  const className = [`bw-${type}`, type === "row" && props.equalHeight === true ? "bw-row-equal" : ""].filter(Boolean).join(" ");
  const Tag = type === "blocks" ? "main" : "div";
  return (
    <Tag className={className} id={str(props, "elemId")} data-testid={`component-${id}`} style={style}>
      <LayoutChildren nodes={nodes} parentType={type} />
    </Tag>
  );
}
