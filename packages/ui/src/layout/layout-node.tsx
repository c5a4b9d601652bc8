import type { LayoutNode as LayoutNodeConfig, LayoutType } from "@blockwork/core";
import type { ComponentType, CSSProperties } from "react";
import { useApp } from "../app/app-context.ts";
import { COMPONENTS } from "../components/registry.ts";
import type { RendererProps } from "../components/block.tsx";
import { UnknownComponent } from "../components/unknown-component.tsx";
import { Accordion } from "./accordion.tsx";
import { Container } from "./container.tsx";
import { Tabs } from "./tabs.tsx";
import type { LayoutRendererProps } from "./layout-renderer-props.ts";
import { rowChildStyle } from "./row-child-style.ts";

/** Renderers of the layouts, by config type (typed against core's: none can be missing). */
const LAYOUTS: { readonly [T in LayoutType]: ComponentType<LayoutRendererProps> } = {
  blocks: Container,
  row: Container,
  column: Container,
  group: Container,
  tab: Container,
  tabs: Tabs,
  accordion: Accordion,
};

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
  const Layout = (LAYOUTS as Partial<Record<string, ComponentType<LayoutRendererProps>>>)[component.type];
  if (Layout) return <Layout id={node.id} nodes={children} style={style} />;
  // A type this UI doesn't know (a newer server) arrives despite the types: it gets a notice, not a crash.
  const Renderer = (COMPONENTS as Partial<Record<string, ComponentType<RendererProps>>>)[component.type] ?? UnknownComponent;
  return <Renderer id={node.id} style={style} />;
}

/** A layout's children. */
export function LayoutChildren({ nodes, parentType }: { readonly nodes: readonly LayoutNodeConfig[]; readonly parentType: string }) {
  return nodes.map((child) => <LayoutNode key={child.id} node={child} parentType={parentType} />);
}
