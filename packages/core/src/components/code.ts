import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent } from "./definition.ts";
import { TEXT_VALUE } from "./text.ts";

export const code = defineComponent({ type: "code", name: "Code", children: "value", ...TEXT_VALUE });

/** The languages the editor highlights; any other text is shown plain. */
export type CodeLanguage = "javascript" | "typescript" | "jsx" | "tsx" | "python" | "json" | "html" | "css" | "markdown" | "sql" | "shell";

export interface CodeProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onChange" | "onInput", I, O> {
  value?: string;
  children?: string | number | (string | number)[];
  /** The language it is highlighted as. Unset: plain text. */
  language?: CodeLanguage;
  /** Visible lines before it scrolls. @default 12 */
  lines?: number;
}

/**
 * Source code in an editor (CodeMirror), highlighted, with a copy button: read-only as an output, editable as an
 * input, firing `onChange` as the user types.
 */
export function Code<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: CodeProps<I, O> = {},
): Component<string> {
  return createComponent(code, props);
}
