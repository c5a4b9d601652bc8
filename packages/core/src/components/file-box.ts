import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { FileValue } from "../files/file-value.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, nullable, type CheckContext, type ConfigProps, type JsonSchema } from "./definition.ts";
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

/**
 * The value of every component holding one file, or a list with `fileCount: "multiple"` (FileBox, UploadButton,
 * DownloadButton): its checks, schema and file slot, read from `fileCount` and `fileTypes`.
 */
export const FILE_VALUE = {
  kind: "value",
  initial: () => null,
  checkInput: (value: unknown, { props, limits }: CheckContext) => checkFileInput(value, isMultiple(props), limits),
  checkOutput: (value: unknown, { props, limits }: CheckContext) => checkFileOutput(value, isMultiple(props), limits),
  schema: (props: ConfigProps) => nullable(isMultiple(props) ? { type: "array", items: FILE_VALUE_SCHEMA } : FILE_VALUE_SCHEMA),
  files: (props: ConfigProps) => ({
    multiple: isMultiple(props),
    ...(Array.isArray(props.fileTypes) ? { fileTypes: props.fileTypes.filter((t): t is string => typeof t === "string") } : {}),
  }),
} as const;

export const fileBox = defineComponent({ type: "file", name: "FileBox", children: "none", ...FILE_VALUE });

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
