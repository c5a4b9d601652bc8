import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent } from "./definition.ts";
import { expected } from "./value-checks.ts";

/** The value of every component whose value is a string (text, Markdown, a button's caption). */
export const TEXT_VALUE = {
  kind: "value",
  initial: () => "",
  checkInput: (value: unknown) => (typeof value === "string" ? undefined : expected("a string", value)),
  checkOutput: (value: unknown) => (typeof value === "string" ? undefined : expected("a string", value)),
  schema: () => ({ type: "string" }),
} as const;

export const textbox = defineComponent({ type: "textbox", name: "Textbox", children: "none", ...TEXT_VALUE });

export const markdown = defineComponent({ type: "markdown", name: "Markdown", children: "value", ...TEXT_VALUE });

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
  return createComponent(textbox, props);
}

export interface MarkdownProps extends Pick<CommonProps, "label" | "visible" | "elemId" | "scale" | "minWidth"> {
  value?: string;
  children?: string | number | (string | number)[];
}

/** Rendered Markdown: as an output, a handler's text formatted. */
export function Markdown(props: MarkdownProps = {}): Component<string> {
  return createComponent(markdown, props);
}
