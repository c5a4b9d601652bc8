import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { FileValue } from "../files/file-value.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, nullable, type ConfigProps, type JsonSchema } from "./definition.ts";
import { checkFileInput, checkFileOutput } from "./value-checks.ts";

/** The JSON Schema of one file value, as `POST <base>upload` answers it. */
export const FILE_VALUE_SCHEMA: JsonSchema = {
  type: "object",
  description: "a file value, as POST upload answered it",
  properties: { path: { type: "string" }, url: { type: "string" }, name: { type: "string" }, size: { type: "integer", minimum: 0 }, mimeType: { type: "string" } },
  required: ["path", "url", "name", "size", "mimeType"],
  additionalProperties: false,
};

const isMultiple = (props: ConfigProps): boolean => props.fileCount === "multiple";

export const fileBox = defineComponent({
  type: "file",
  name: "FileBox",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: (value, { props, limits }) => checkFileInput(value, isMultiple(props), limits),
  checkOutput: (value, { props, limits }) => checkFileOutput(value, isMultiple(props), limits),
  schema: (props) => nullable(isMultiple(props) ? { type: "array", items: FILE_VALUE_SCHEMA } : FILE_VALUE_SCHEMA),
  files: (props) => ({
    multiple: isMultiple(props),
    ...(Array.isArray(props.fileTypes) ? { fileTypes: props.fileTypes.filter((t): t is string => typeof t === "string") } : {}),
  }),
});

/**
 * What a handler may return for a file: a file value, a path (inside the OS temp dir or `allowedPaths`), an http(s)
 * URL (passed to the browser as is), a `data:` URI or bytes. The server stores it; the client gets a file value.
 */
export type FileOutputValue = FileValue | string | Uint8Array;

export interface FileBoxProps extends CommonProps {
  /** `"multiple"`: the value is a list of files. @default "single" */
  fileCount?: "single" | "multiple";
  /**
   * The types it takes: extensions (`".pdf"`), media types (`"image/png"`) or families (`"image/*"`, `"image"`). The
   * file chooser offers those, and the server refuses any other before the handler runs. @default any type
   */
  fileTypes?: string[];
  /** Height of the drop zone in CSS pixels. */
  height?: number;
}

/** Takes and gives files (Gradio's `File`): a handler gets `FileValue`, or `FileValue[]` with `fileCount: "multiple"`. */
export function FileBox(props: FileBoxProps & { fileCount: "multiple" }): Component<FileValue[] | null, FileOutputValue[] | null>;
export function FileBox(props?: FileBoxProps & { fileCount?: "single" }): Component<FileValue | null, FileOutputValue | null>;
export function FileBox(props: FileBoxProps = {}): Component<any, any> {
  return createComponent(fileBox, props);
}
