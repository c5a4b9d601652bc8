import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { FileValue } from "../files/file-value.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent } from "./definition.ts";
import { FILE_VALUE, type FileOutputValue } from "./file-box.ts";

export const uploadButton = defineComponent({ type: "uploadbutton", name: "UploadButton", children: "none", ...FILE_VALUE });

export interface UploadButtonProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends Omit<CommonProps, "info">,
    Wiring<"onUpload" | "onChange", I, O> {
  /** The button's text (a button has no label above it). @default "Upload a file", or "Upload files" with `fileCount: "multiple"` */
  label?: string;
  /** `"multiple"`: the chooser takes several files and the value is a list. @default "single" */
  fileCount?: "single" | "multiple";
  /** The types it takes, as for FileBox: offered by the chooser and enforced by the server. @default any type */
  fileTypes?: string[];
  /** @default "secondary" */
  variant?: "primary" | "secondary" | "stop";
  size?: "sm" | "md" | "lg";
}

/**
 * A button that opens the file chooser and uploads what is picked (Gradio's `UploadButton`), then fires `upload`
 * (and `change`): its handler gets the file value, or `FileValue[]` with `fileCount: "multiple"`.
 */
export function UploadButton<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: UploadButtonProps<I, O> & { fileCount: "multiple" },
): Component<FileValue[] | null, FileOutputValue[] | null>;
export function UploadButton<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props?: UploadButtonProps<I, O> & { fileCount?: "single" },
): Component<FileValue | null, FileOutputValue | null>;
export function UploadButton(props: UploadButtonProps<readonly AnyComponent[], readonly AnyComponent[]> = {}): Component<any, any> {
  return createComponent(uploadButton, props);
}
