import { useEffect, useRef } from "react";
import { useStatus, useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { MarkdownBody } from "./markdown.tsx";
import { num, str } from "./read-props.ts";

interface Message {
  readonly role: "user" | "assistant";
  readonly content: string;
}

/**
 * A conversation: user messages on the right, assistant messages on the left, each rendered as Markdown. While a
 * handler streams into it, the last message grows in place with a caret, and the list keeps the end in view.
 */
export function Chatbot({ id, style }: RendererProps) {
  const { type, props, value } = useView(id);
  const generating = useStatus(id).stage === "generating";
  const messages = toMessages(value);
  const label = str(props, "label");
  const list = useRef<HTMLDivElement>(null);
  const last = messages.at(-1)?.content;
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, last]);
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div
        ref={list}
        className="bw-chat"
        role="log"
        aria-labelledby={label ? controlId(id, "label") : undefined}
        aria-label={label ? undefined : "Chatbot"}
        style={{ height: num(props, "height") ?? 400 }}
      >
        {messages.length === 0 ? <div className="bw-chat-empty">{str(props, "placeholder") ?? ""}</div> : null}
        {messages.map((message, i) => (
          <ChatMessage key={i} message={message} streaming={generating && i === messages.length - 1 && message.role === "assistant"} />
        ))}
      </div>
    </Block>
  );
}

function ChatMessage({ message, streaming }: { readonly message: Message; readonly streaming: boolean }) {
  return (
    <div
      className={`bw-chat-message bw-chat-${message.role}${streaming ? " bw-chat-streaming" : ""}`}
      data-testid="chat-message"
      data-role={message.role}
    >
      <MarkdownBody source={message.content} />
    </div>
  );
}

function toMessages(value: unknown): Message[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((m: unknown) => {
    if (typeof m !== "object" || m === null) return [];
    const { role, content } = m as { role?: unknown; content?: unknown };
    if ((role !== "user" && role !== "assistant") || typeof content !== "string") return [];
    return [{ role, content }];
  });
}
