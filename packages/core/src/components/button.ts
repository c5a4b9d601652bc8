import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent } from "./definition.ts";
import { TEXT_VALUE } from "./text.ts";

export const button = defineComponent({ type: "button", name: "Button", children: "value", ...TEXT_VALUE });

export const clearButton = defineComponent({ type: "clearbutton", name: "ClearButton", children: "value", refProps: ["components"], ...TEXT_VALUE });

export interface ButtonProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends Omit<CommonProps, "label" | "info">,
    Wiring<"onClick", I, O> {
  /** The button's text; also what `children` sets. */
  value?: string;
  children?: string | number | (string | number)[];
  /** @default "secondary" */
  variant?: "primary" | "secondary" | "stop";
  size?: "sm" | "md" | "lg";
}

/** A button. Its value is its text. */
export function Button<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: ButtonProps<I, O>,
): Component<string> {
  return createComponent(button, props);
}

export interface ClearButtonProps extends Omit<CommonProps, "label" | "info"> {
  /** The components it resets to their initial values. */
  components: readonly AnyComponent[];
  value?: string;
  children?: string;
  variant?: "primary" | "secondary" | "stop";
}

/** Resets `components` to their initial values, in the browser, without a round trip. */
export function ClearButton(props: ClearButtonProps): Component<string> {
  return createComponent(clearButton, { value: "Clear", ...props });
}
