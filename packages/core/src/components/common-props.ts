import type { Child } from "../dsl/node.ts";

/** Props every visible component takes. */
export interface CommonProps {
  /** Shown above the component, and its accessible name. */
  label?: string;
  /** A hint under the label. */
  info?: string;
  /** @default true */
  visible?: boolean;
  /**
   * Whether the user can edit it. Unset: editable when it is some listener's input or has a listener of its own,
   * read-only when it is only an output, as in Gradio.
   */
  interactive?: boolean;
  /** Relative width inside a Row. @default 1 */
  scale?: number;
  /** Minimum width in CSS pixels inside a Row. */
  minWidth?: number;
  /** An id for the DOM element, for custom CSS or tests. */
  elemId?: string;
}

/** Props of a layout: its children. */
export interface LayoutProps {
  children?: Child;
  /** @default true */
  visible?: boolean;
}
