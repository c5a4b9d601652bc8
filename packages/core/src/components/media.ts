import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, nullable } from "./definition.ts";
import { checkImage } from "./value-checks.ts";

export const image = defineComponent({
  type: "image",
  name: "Image",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: (value, { limits }) => checkImage(value, limits, false),
  // An output may also be a relative URL: the app's own `file/…` route.
  checkOutput: (value, { limits }) => checkImage(value, limits, true),
  schema: () => nullable({ type: "string", description: "an http(s) URL or a data:image URI" }),
});

/** An image's value: an http(s) URL or a `data:image/…` URI, or `null` for none. */
export type ImageValue = string | null;

export interface ImageProps extends CommonProps {
  value?: ImageValue;
  /** Display height in CSS pixels. */
  height?: number;
}

/** Shows an image (as an input, the user can paste a URL or pick a file, sent as a data URI). */
export function Image(props: ImageProps = {}): Component<ImageValue> {
  return createComponent(image, props);
}
