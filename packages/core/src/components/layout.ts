import { createComponent } from "../dsl/create-component.ts";
import type { AnyListener } from "../dsl/listener.ts";
import type { Component } from "../dsl/node.ts";
import type { LayoutProps } from "./common-props.ts";
import { defineComponent, NO_VALUE } from "./definition.ts";
import { checkJson } from "./value-checks.ts";

/** A layout: it holds components and has no value of its own. */
function layout<const Type extends string>(type: Type, name: string, options: { readonly noWiring?: true } = {}) {
  return defineComponent({
    type,
    name,
    kind: "layout",
    children: "layout",
    ...options,
    ...NO_VALUE,
    checkInput: (value, { limits }) => checkJson(value, limits),
    checkOutput: (value, { limits }) => checkJson(value, limits),
  });
}

export const blocks = layout("blocks", "Blocks", { noWiring: true });
export const row = layout("row", "Row");
export const column = layout("column", "Column");
export const group = layout("group", "Group");
export const tabs = layout("tabs", "Tabs");
export const tab = layout("tab", "Tab");
export const accordion = layout("accordion", "Accordion");

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
  return createComponent(blocks, props);
}

/** Places its children side by side (wrapping on narrow screens). */
export function Row(props: LayoutProps & { equalHeight?: boolean }): Component<void> {
  return createComponent(row, props);
}

/** Stacks its children; inside a Row, `scale` sets its share of the width. */
export function Column(props: LayoutProps & { scale?: number; minWidth?: number }): Component<void> {
  return createComponent(column, props);
}

/** Draws its children as one panel without gaps. */
export function Group(props: LayoutProps): Component<void> {
  return createComponent(group, props);
}

/** Holds `Tab`s, one shown at a time. */
export function Tabs(props: LayoutProps & { selected?: number }): Component<void> {
  return createComponent(tabs, props);
}

/** One page of a `Tabs`. */
export function Tab(props: LayoutProps & { label: string }): Component<void> {
  return createComponent(tab, props);
}

/** A collapsible section. */
export function Accordion(props: LayoutProps & { label: string; open?: boolean }): Component<void> {
  return createComponent(accordion, props);
}
