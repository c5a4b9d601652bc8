import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, nullable, type CheckContext, type ConfigProps, type JsonSchema } from "./definition.ts";
import { describe, expected, listChoices, stringList } from "./value-checks.ts";

export const checkbox = defineComponent({
  type: "checkbox",
  name: "Checkbox",
  kind: "value",
  children: "none",
  initial: () => false,
  checkInput: (value) => (typeof value === "boolean" ? undefined : expected("true or false", value)),
  checkOutput: (value) => (typeof value === "boolean" ? undefined : expected("true or false", value)),
  schema: () => ({ type: "boolean" }),
});

/** The choices a value is checked against: the session's, else the config's; `null` takes any string. */
function allowedChoices({ props, choices }: CheckContext): readonly string[] | null {
  return choices === undefined ? stringList(props.choices) : choices;
}

/** One choice, or `null` for none. */
function checkOneChoice(value: unknown, context: CheckContext): string | undefined {
  const allowed = allowedChoices(context);
  if (value === null || (typeof value === "string" && (allowed === null || allowed.includes(value)))) return undefined;
  return expected(`one of ${allowed === null ? "strings" : listChoices(allowed)} or null`, value);
}

const oneChoiceSchema = (props: ConfigProps): JsonSchema => nullable({ enum: [...stringList(props.choices)] });

/** Several of the choices, in any order, each at most once. */
function checkManyChoices(value: unknown, context: CheckContext): string | undefined {
  const allowed = allowedChoices(context);
  const shown = allowed === null ? "strings" : listChoices(allowed);
  if (!Array.isArray(value)) return expected(`a list of choices from ${shown}`, value);
  if (allowed !== null && value.length > allowed.length) return `expects at most ${allowed.length} choices; got ${value.length}`;
  const bad = value.find((v) => typeof v !== "string" || (allowed !== null && !allowed.includes(v)));
  return bad === undefined ? undefined : `expects only choices from ${shown}; got ${describe(bad)}`;
}

const checkStringList = (value: unknown): string | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "string") ? undefined : expected("a list of strings", value);

const manyChoicesSchema = (props: ConfigProps): JsonSchema => ({ type: "array", items: { enum: [...stringList(props.choices)] } });

export const dropdown = defineComponent({
  type: "dropdown",
  name: "Dropdown",
  kind: "value",
  children: "none",
  initial: (props) => (props.multiselect === true ? [] : null),
  checkInput: (value, context) => (context.props.multiselect === true ? checkManyChoices(value, context) : checkOneChoice(value, context)),
  checkOutput(value) {
    if (Array.isArray(value)) return checkStringList(value);
    return typeof value === "string" ? undefined : expected("a string, a list of strings or null", value);
  },
  schema: (props) => (props.multiselect === true ? manyChoicesSchema(props) : oneChoiceSchema(props)),
});

export const checkboxGroup = defineComponent({
  type: "checkboxgroup",
  name: "CheckboxGroup",
  kind: "value",
  children: "none",
  initial: () => [],
  checkInput: checkManyChoices,
  checkOutput: checkStringList,
  schema: manyChoicesSchema,
});

export const radio = defineComponent({
  type: "radio",
  name: "Radio",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: checkOneChoice,
  checkOutput: (value) => (typeof value === "string" ? undefined : expected("a string or null", value)),
  schema: oneChoiceSchema,
});

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
  return createComponent(checkbox, props);
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
  return createComponent(dropdown, props);
}

export interface RadioProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> extends ChoiceProps<I, O> {
  value?: string | null;
}

/** One of `choices`, all shown at once. */
export function Radio<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: RadioProps<I, O>,
): Component<string | null> {
  return createComponent(radio, props);
}

export interface CheckboxGroupProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> extends ChoiceProps<I, O> {
  /** @default [] */
  value?: readonly string[];
}

/** Several of `choices`, each a checkbox. `onSelect` gets the item ticked or unticked. */
export function CheckboxGroup<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: CheckboxGroupProps<I, O>,
): Component<string[]> {
  return createComponent(checkboxGroup, props);
}
