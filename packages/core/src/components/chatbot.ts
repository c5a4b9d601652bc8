import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";

/** One message of a conversation. `content` is Markdown. */
export interface ChatMessage {
  readonly role: "user" | "assistant";
  readonly content: string;
}

export interface ChatbotProps extends Omit<CommonProps, "interactive"> {
  value?: readonly ChatMessage[];
  /** Height of the message list in CSS pixels. @default 400 */
  height?: number;
  /** Shown while there are no messages. */
  placeholder?: string;
}

/**
 * A conversation: messages with roles, rendered as Markdown. A streaming handler yields the whole conversation
 * each time, the last message growing, and the UI updates it in place.
 */
export function Chatbot(props: ChatbotProps = {}): Component<ChatMessage[]> {
  return createComponent({ type: "chatbot", children: "none" }, props);
}
