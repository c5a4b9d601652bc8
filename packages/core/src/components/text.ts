import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";

export interface TextboxProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onSubmit" | "onChange" | "onInput", I, O> {
  value?: string;
  placeholder?: string;
  /** Visible lines; more than 1 makes a text area (Enter then inserts a newline, Ctrl+Enter submits). @default 1 */
  lines?: number;
  type?: "text" | "password" | "email";
}

/** A line or area of text. */
export function Textbox<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: TextboxProps<I, O> = {},
): Component<string> {
  return createComponent({ type: "textbox", children: "none" }, props);
}

export interface MarkdownProps extends Pick<CommonProps, "label" | "visible" | "elemId" | "scale" | "minWidth"> {
  value?: string;
  children?: string | number | (string | number)[];
}

/** Rendered Markdown: as an output, a handler's text formatted. */
export function Markdown(props: MarkdownProps = {}): Component<string> {
  return createComponent({ type: "markdown", children: "value" }, props);
}
