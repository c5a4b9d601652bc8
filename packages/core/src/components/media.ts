import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { FileValue } from "../files/file-value.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, nullable, type ConfigProps } from "./definition.ts";
import { FILE_VALUE_SCHEMA, type FileOutputValue } from "./file-box.ts";
import { checkFileInput, checkFileOutput, checkImage, expected, type ValueLimits } from "./value-checks.ts";

const takesUrls = (props: ConfigProps): boolean => props.type === "url";

export const image = defineComponent({
  type: "image",
  name: "Image",
  kind: "value",
  children: "none",
  initial: (props) => (typeof props.value === "string" ? props.value : null),
  // `type: "url"`: an http(s) URL (the page sends an uploaded file's absolute URL); otherwise an uploaded file.
  checkInput: (value, { props, limits }) => (takesUrls(props) ? checkUrl(value, limits) : checkFileInput(value, false, limits)),
  checkOutput: (value, { limits }) => checkImageOutput(value, limits),
  schema: (props) => nullable(takesUrls(props) ? { type: "string", format: "uri", description: "an http(s) URL" } : FILE_VALUE_SCHEMA),
  files: (props) => ({ multiple: false, fileTypes: ["image/*"], ...(takesUrls(props) ? { urlInput: true } : {}) }),
});

/** What a handler may return for one image (an Image's value, a Gallery's item): see `Image`. */
export function checkImageOutput(value: unknown, limits: ValueLimits): string | undefined {
  // A string with a scheme must be http(s) or a data:image URI: never `javascript:` or `data:text/html`.
  if (typeof value === "string" && /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^(https?:|data:image\/)/i.test(value)) {
    return expected("a path, an http(s) URL, a data:image URI, bytes or a file value", value);
  }
  return checkFileOutput(value, false, limits);
}

function checkUrl(value: unknown, limits: ValueLimits): string | undefined {
  if (typeof value === "string" && /^data:/i.test(value)) return expected("an http(s) URL or null (upload files: a data URI is not taken)", value);
  return checkImage(value, limits, false);
}

/** An `Image({ type: "url" })` input's value: an http(s) URL, or `null` for none. */
export type ImageValue = string | null;

export interface ImageProps extends CommonProps {
  /**
   * What its handler gets: `"file"`, the uploaded file's value (`path` to read it); `"url"`, an http(s) URL (the
   * page gives an upload's absolute URL; a user may paste any URL, which the server never fetches). @default "file"
   */
  type?: "file" | "url";
  /** An http(s) URL shown before any edit. */
  value?: string;
  /** Display height in CSS pixels. */
  height?: number;
  /** Offer a webcam capture beside the upload. @default true */
  webcam?: boolean;
}

/**
 * Takes and shows an image: uploaded by the file chooser, drag and drop, paste or the webcam. A handler may
 * return a file value, a path, bytes, a `data:image` URI (stored as a file) or an http(s) URL.
 */
export function Image(props: ImageProps & { type: "url" }): Component<ImageValue, FileOutputValue | null>;
export function Image(props?: ImageProps & { type?: "file" }): Component<FileValue | null, FileOutputValue | null>;
export function Image(props: ImageProps = {}): Component<any, any> {
  return createComponent(image, props);
}
