import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";

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
  return createComponent({ type: "number", children: "none" }, props);
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
  return createComponent({ type: "slider", children: "none" }, props);
}
