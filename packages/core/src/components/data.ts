import { createComponent } from "../dsl/create-component.ts";
import type { Component, Json as JsonValue } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";

export interface JsonProps extends CommonProps {
  value?: JsonValue;
}

/** Any JSON value, shown formatted. */
export function Json(props: JsonProps = {}): Component<JsonValue> {
  return createComponent({ type: "json", children: "none" }, props);
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
  return createComponent({ type: "label", children: "none" }, props);
}
