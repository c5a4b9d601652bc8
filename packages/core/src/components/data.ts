import { createComponent } from "../dsl/create-component.ts";
import type { Component, Json as JsonValue } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { anyOf, defineComponent } from "./definition.ts";
import { checkJson, checkLabel } from "./value-checks.ts";

export const json = defineComponent({
  type: "json",
  name: "Json",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: (value, { limits }) => checkJson(value, limits),
  checkOutput: (value, { limits }) => checkJson(value, limits),
  schema: () => ({}),
});

export const label = defineComponent({
  type: "label",
  name: "Label",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: (value, { limits }) => checkLabel(value, limits),
  checkOutput: (value, { limits }) => checkLabel(value, limits),
  schema: () => anyOf({ type: "string" }, { type: "object", additionalProperties: { type: "number" } }, { type: "null" }),
});

export interface JsonProps extends CommonProps {
  value?: JsonValue;
}

/** Any JSON value, shown formatted. */
export function Json(props: JsonProps = {}): Component<JsonValue> {
  return createComponent(json, props);
}

/** A classification: a label alone, or confidences per label (the highest one is the headline). */
export type LabelValue = string | { readonly [label: string]: number } | null;

export interface LabelProps extends CommonProps {
  value?: LabelValue;
  /** How many of the top confidences to list. */
  numTopClasses?: number;
}

/** Shows a label, or confidences per label as bars. */
export function Label(props: LabelProps = {}): Component<LabelValue> {
  return createComponent(label, props);
}
