import type { LayoutNode as LayoutNodeConfig } from "@blockwork/core";
import type { CSSProperties } from "react";
import { useApp } from "../app/app-context.ts";
import { COMPONENTS } from "../components/registry.ts";
import { UnknownComponent } from "../components/unknown-component.tsx";
import { Accordion } from "./accordion.tsx";
import { Container } from "./container.tsx";
import { Tabs } from "./tabs.tsx";
import { rowChildStyle } from "./row-child-style.ts";

interface LayoutNodeProps {
  readonly node: LayoutNodeConfig;
  /** The parent's type: a Row sizes its children. */
  readonly parentType: string | null;
}

/** Renders one node of the config's layout tree, and its children. */
export function LayoutNode({ node, parentType }: LayoutNodeProps) {
  const { components } = useApp();
  const component = components.get(node.id);
  // Components outside the config (State) have nothing to render.
  if (!component) return null;
  const style: CSSProperties | undefined = parentType === "row" ? rowChildStyle(component.props) : undefined;
  const children = node.children ?? [];
  switch (component.type) {
    case "blocks":
    case "row":
    case "column":
    case "group":
    case "tab":
      return <Container id={node.id} nodes={children} style={style} />;
    case "tabs":
      return <Tabs id={node.id} nodes={children} style={style} />;
    case "accordion":
      return <Accordion id={node.id} nodes={children} style={style} />;
    default: {
      const Renderer = COMPONENTS[component.type] ?? UnknownComponent;
      return <Renderer id={node.id} style={style} />;
    }
  }
}

/** A layout's children. */
export function LayoutChildren({ nodes, parentType }: { readonly nodes: readonly LayoutNodeConfig[]; readonly parentType: string }) {
  return nodes.map((child) => <LayoutNode key={child.id} node={child} parentType={parentType} />);
}
