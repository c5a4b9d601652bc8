import { createComponent } from "../dsl/create-component.ts";
import type { AnyComponent, Component, Json } from "../dsl/node.ts";

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
  return createComponent({ type: "examples", children: "none", refProps: ["inputs"] }, props);
}
