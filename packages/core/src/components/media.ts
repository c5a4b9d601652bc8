import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";

/** An image's value: an http(s) URL or a `data:image/…` URI, or `null` for none. */
export type ImageValue = string | null;

export interface ImageProps extends CommonProps {
  value?: ImageValue;
  /** Display height in CSS pixels. */
  height?: number;
}

/** Shows an image (as an input, the user can paste a URL or pick a file, sent as a data URI). */
export function Image(props: ImageProps = {}): Component<ImageValue> {
  return createComponent({ type: "image", children: "none" }, props);
}
