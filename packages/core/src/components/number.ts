import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, type ConfigProps } from "./definition.ts";
import { checkNumber, expected, numberProp } from "./value-checks.ts";

const finite = (value: unknown): string | undefined => (typeof value === "number" && Number.isFinite(value) ? undefined : expected("a finite number", value));

/** A number within the props' range (a handler may set any finite number). */
function numberValue(defaults: { readonly minimum?: number; readonly maximum?: number }) {
  const range = (props: ConfigProps) => ({ minimum: numberProp(props.minimum) ?? defaults.minimum, maximum: numberProp(props.maximum) ?? defaults.maximum });
  return {
    kind: "value",
    checkInput: (value: unknown, { props }: { readonly props: ConfigProps }) => {
      const { minimum, maximum } = range(props);
      return checkNumber(value, minimum, maximum);
    },
    checkOutput: finite,
    schema: (props: ConfigProps) => {
      const { minimum, maximum } = range(props);
      return { type: "number", ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) };
    },
  } as const;
}

export const numberBox = defineComponent({ type: "number", name: "NumberBox", children: "none", initial: () => 0, ...numberValue({}) });

export const slider = defineComponent({
  type: "slider",
  name: "Slider",
  children: "none",
  initial: (props) => numberProp(props.minimum) ?? 0,
  ...numberValue({ minimum: 0, maximum: 100 }),
});

export interface NumberBoxProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onChange" | "onSubmit", I, O> {
  /** @default 0 */
  value?: number;
  minimum?: number;
  maximum?: number;
  step?: number;
}

/** A number field. Named so as not to shadow the global `Number`. */
export function NumberBox<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: NumberBoxProps<I, O> = {},
): Component<number> {
  return createComponent(numberBox, props);
}

export interface SliderProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onChange" | "onRelease", I, O> {
  /** @default 0 */
  minimum?: number;
  /** @default 100 */
  maximum?: number;
  /** @default 1 */
  step?: number;
  /** @default minimum */
  value?: number;
}

/** A number picked on a range. `onRelease` fires once the user lets go, `onChange` on every move. */
export function Slider<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: SliderProps<I, O> = {},
): Component<number> {
  return createComponent(slider, props);
}
