import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, type CheckContext } from "./definition.ts";
import { checkJson, describe, expected, isPlainObject } from "./value-checks.ts";

/** A list of `{ role, content }` messages. */
function checkMessages(value: unknown, { limits }: CheckContext): string | undefined {
  if (!Array.isArray(value)) return expected("a list of messages ({ role, content })", value);
  const problem = checkJson(value, limits);
  if (problem) return problem;
  const bad = value.findIndex(
    (m) => typeof m !== "object" || m === null || !isPlainObject(m) || (m.role !== "user" && m.role !== "assistant") || typeof m.content !== "string",
  );
  return bad < 0 ? undefined : `expects messages { role: "user" | "assistant", content: string }; message ${bad + 1} is ${describe(value[bad])}`;
}

export const chatbot = defineComponent({
  type: "chatbot",
  name: "Chatbot",
  kind: "value",
  children: "none",
  initial: () => [],
  checkInput: checkMessages,
  checkOutput: checkMessages,
  schema: () => ({
    type: "array",
    items: { type: "object", properties: { role: { enum: ["user", "assistant"] }, content: { type: "string" } }, required: ["role", "content"] },
  }),
});

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
  return createComponent(chatbot, props);
}
