import { Blocks, Button, Chatbot, listener, on, Row, Textbox, type ChatMessage } from "@blockwork/core";

const chat = Chatbot({ label: "Chat", height: 360, placeholder: "Say something to start." });
const message = Textbox({ label: "Message", placeholder: "Type a message and press Enter" });

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** The bot's reply, word by word: deterministic, so that it can be tested. */
function replyTo(text: string): string[] {
  return `You said **${text.trim() || "nothing"}**. Here is my answer, streamed one word at a time, with *Markdown*.`.split(/(?<= )/);
}

// 2. Queued, after the message is in: the assistant's reply streams into the last message.
const respond = listener(
  async function* respond(history: ChatMessage[], ctx) {
    const last = history.at(-1);
    let answer = "";
    for (const word of replyTo(last?.role === "user" ? last.content : "")) {
      answer += word;
      yield [...history, { role: "assistant", content: answer }] as ChatMessage[];
      await sleep(100, ctx.signal);
    }
  },
  { inputs: [chat], outputs: [chat], apiName: "respond" },
);

// 1. Instant, outside the queue: the user's message joins the chat and the box clears; on success, the reply.
const send = on(
  message,
  "submit",
  listener((text: string, history: ChatMessage[]) => ["", [...history, { role: "user", content: text }]] as [string, ChatMessage[]], {
    inputs: [message, chat],
    outputs: [message, chat],
    queue: false,
    apiName: "add_message",
    success: respond,
  }),
);
const clear = listener(() => [] as ChatMessage[], { outputs: [chat], queue: false, apiName: "clear" });

export default (
  <Blocks title="Streaming chat">
    {"# Streaming chat\nThe reply streams into the last message of the **Chatbot**: a handler that is an async generator."}
    {chat}
    {message}
    <Row>
      <Button variant="primary" onClick={send}>
        Send
      </Button>
      <Button onClick={clear}>Clear</Button>
    </Row>
  </Blocks>
);
