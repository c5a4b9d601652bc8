import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent } from "./definition.ts";
import { expected } from "./value-checks.ts";

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

const checkColor = (value: unknown): string | undefined => (typeof value === "string" && HEX_COLOR.test(value) ? undefined : expected('a colour as "#rrggbb"', value));

export const colorPicker = defineComponent({
  type: "colorpicker",
  name: "ColorPicker",
  kind: "value",
  children: "none",
  initial: () => "#000000",
  checkInput: checkColor,
  checkOutput: checkColor,
  schema: () => ({ type: "string", pattern: "^#[0-9a-fA-F]{6}$" }),
});

export interface ColorPickerProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onChange" | "onInput", I, O> {
  /** `"#rrggbb"`. @default "#000000" */
  value?: string;
}

/** A colour, as `"#rrggbb"`: a swatch that opens the browser's colour picker, and the hex code. */
export function ColorPicker<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: ColorPickerProps<I, O> = {},
): Component<string> {
  return createComponent(colorPicker, props);
}
