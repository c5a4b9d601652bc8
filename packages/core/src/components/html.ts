import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent } from "./definition.ts";
import { TEXT_VALUE } from "./text.ts";

export const html = defineComponent({ type: "html", name: "HTML", children: "value", ...TEXT_VALUE });

export interface HTMLProps extends Pick<CommonProps, "label" | "visible" | "elemId" | "scale" | "minWidth"> {
  value?: string;
  children?: string | number | (string | number)[];
}

/**
 * A block of HTML, sanitised in the browser (DOMPurify): markup and inline styles stay; scripts, event-handler
 * attributes, `javascript:` URLs and anything else that runs code are dropped.
 */
export function HTML(props: HTMLProps = {}): Component<string> {
  return createComponent(html, props);
}
