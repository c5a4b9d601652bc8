import { createComponent } from "../dsl/create-component.ts";
import type { AnyComponent, Component, Json } from "../dsl/node.ts";
import { defineComponent, NO_VALUE } from "./definition.ts";
import { checkJson } from "./value-checks.ts";

export const examples = defineComponent({
  type: "examples",
  name: "Examples",
  kind: "value",
  children: "none",
  refProps: ["inputs"],
  ...NO_VALUE,
  checkInput: (value, { limits }) => checkJson(value, limits),
  checkOutput: (value, { limits }) => checkJson(value, limits),
});

export interface ExamplesProps {
  /** The components a row fills, in column order. */
  inputs: readonly AnyComponent[];
  /** One row per example, one value per input. */
  examples: readonly (readonly Json[])[];
  /** @default "Examples" */
  label?: string;
}

/** A table of sample inputs: clicking a row fills the inputs with it. */
export function Examples(props: ExamplesProps): Component<void> {
  return createComponent(examples, props);
}
