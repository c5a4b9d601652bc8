import { createComponent } from "../dsl/create-component.ts";
import type { AnyListener } from "../dsl/listener.ts";
import type { Component } from "../dsl/node.ts";
import type { LayoutProps } from "./common-props.ts";

/** App-wide queue settings. */
export interface AppQueueOptions {
  /**
   * The limit of every listener that sets none; `null` for no limit.
   * @default 1
   */
  defaultConcurrencyLimit?: number | null;
  /**
   * How many jobs may wait, across the whole app, before joins are refused with "queue is full".
   * @default null (unbounded)
   */
  maxSize?: number | null;
}

export interface BlocksProps extends LayoutProps {
  /** The page title. @default "Blockwork" */
  title?: string;
  queue?: AppQueueOptions;
  /** Runs when a tab opens the app (a `listener()` value, since Blocks' own `queue` prop is the app's). */
  onLoad?: AnyListener;
  /** Runs when a tab's session ends. */
  onUnload?: AnyListener;
}

/** The root of every app. */
export function Blocks(props: BlocksProps): Component<void> {
  return createComponent({ type: "blocks", children: "layout", noWiring: true }, props);
}

/** Places its children side by side (wrapping on narrow screens). */
export function Row(props: LayoutProps & { equalHeight?: boolean }): Component<void> {
  return createComponent({ type: "row", children: "layout" }, props);
}

/** Stacks its children; inside a Row, `scale` sets its share of the width. */
export function Column(props: LayoutProps & { scale?: number; minWidth?: number }): Component<void> {
  return createComponent({ type: "column", children: "layout" }, props);
}

/** Draws its children as one panel without gaps. */
export function Group(props: LayoutProps): Component<void> {
  return createComponent({ type: "group", children: "layout" }, props);
}

/** Holds `Tab`s, one shown at a time. */
export function Tabs(props: LayoutProps & { selected?: number }): Component<void> {
  return createComponent({ type: "tabs", children: "layout" }, props);
}

/** One page of a `Tabs`. */
export function Tab(props: LayoutProps & { label: string }): Component<void> {
  return createComponent({ type: "tab", children: "layout" }, props);
}

/** A collapsible section. */
export function Accordion(props: LayoutProps & { label: string; open?: boolean }): Component<void> {
  return createComponent({ type: "accordion", children: "layout" }, props);
}
