import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";

export interface CheckboxProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onChange", I, O> {
  /** @default false */
  value?: boolean;
}

/** A yes/no choice. */
export function Checkbox<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: CheckboxProps<I, O> = {},
): Component<boolean> {
  return createComponent({ type: "checkbox", children: "none" }, props);
}

interface ChoiceProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onChange" | "onSelect", I, O> {
  choices: readonly string[];
}

export interface DropdownProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> extends ChoiceProps<I, O> {
  multiselect?: false;
  value?: string | null;
}

export interface MultiDropdownProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> extends ChoiceProps<I, O> {
  multiselect: true;
  value?: readonly string[];
}

/** One of `choices` (`null` when none), or with `multiselect` a list of them. */
export function Dropdown<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: MultiDropdownProps<I, O>,
): Component<string[]>;
export function Dropdown<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: DropdownProps<I, O>,
): Component<string | null>;
export function Dropdown(props: DropdownProps<any, any> | MultiDropdownProps<any, any>): Component<any> {
  return createComponent({ type: "dropdown", children: "none" }, props);
}

export interface RadioProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> extends ChoiceProps<I, O> {
  value?: string | null;
}

/** One of `choices`, all shown at once. */
export function Radio<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: RadioProps<I, O>,
): Component<string | null> {
  return createComponent({ type: "radio", children: "none" }, props);
}
