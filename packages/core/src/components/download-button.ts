import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { FileValue } from "../files/file-value.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent } from "./definition.ts";
import { FILE_VALUE, type FileOutputValue } from "./file-box.ts";

// One file: `fileCount` is not among its props, so the shared file value reads it as "single".
export const downloadButton = defineComponent({ type: "downloadbutton", name: "DownloadButton", children: "none", ...FILE_VALUE });

export interface DownloadButtonProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends Omit<CommonProps, "info" | "interactive">,
    Wiring<"onClick", I, O> {
  /** The button's text. @default "Download" */
  label?: string;
  /** @default "secondary" */
  variant?: "primary" | "secondary" | "stop";
  size?: "sm" | "md" | "lg";
}

/**
 * A button that downloads its file (Gradio's `DownloadButton`): a handler gives it one, as a path, bytes, a `data:`
 * URI, an http(s) URL or a file value, stored as for a FileBox. Clicking downloads it and fires `click`; with no
 * file it is disabled.
 */
export function DownloadButton<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: DownloadButtonProps<I, O> = {},
): Component<FileValue | null, FileOutputValue | null> {
  return createComponent(downloadButton, props);
}
