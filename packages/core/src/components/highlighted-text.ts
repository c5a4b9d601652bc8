import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, nullable, type CheckContext } from "./definition.ts";
import { describe, expected } from "./value-checks.ts";

/** Text in spans, each `[text, label]`; a `null` label is plain text. */
export type HighlightedTextValue = readonly (readonly [text: string, label: string | null])[];

function checkSpans(value: unknown, { limits }: CheckContext): string | undefined {
  if (value === null) return undefined;
  const what = "a list of [text, label or null] spans";
  if (!Array.isArray(value)) return expected(what, value);
  if (value.length > limits.maxNodes) return `expects at most ${limits.maxNodes} spans; got ${value.length}`;
  const bad = value.findIndex((s) => !Array.isArray(s) || s.length !== 2 || typeof s[0] !== "string" || (s[1] !== null && typeof s[1] !== "string"));
  return bad < 0 ? undefined : `expects ${what}; span ${bad + 1} is ${describe(value[bad])}`;
}

export const highlightedText = defineComponent({
  type: "highlightedtext",
  name: "HighlightedText",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: checkSpans,
  checkOutput: checkSpans,
  schema: () =>
    nullable({ type: "array", items: { type: "array", prefixItems: [{ type: "string" }, { type: ["string", "null"] }], minItems: 2, maxItems: 2 } }),
});

export interface HighlightedTextProps extends Omit<CommonProps, "interactive"> {
  value?: HighlightedTextValue | null;
  /** A colour per label (any CSS colour); labels without one get one of the theme's. */
  colorMap?: { readonly [label: string]: string };
  /** List the labels and their colours under the text. @default true */
  showLegend?: boolean;
}

/** Text with labelled spans (entities, a diff, token classes), each label in its own colour. */
export function HighlightedText(props: HighlightedTextProps = {}): Component<HighlightedTextValue | null> {
  return createComponent(highlightedText, props);
}
