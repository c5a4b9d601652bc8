import { Blocks, Button, Chatbot, listener, on, Row, Textbox, type ChatMessage } from "blockwork";

const chat = Chatbot({ label: "Chat", placeholder: "Say something to start." });
const message = Textbox({ label: "Message", placeholder: "Type a message and press Enter" });

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

// Queued: the reply streams into the last message, one word per yield. Replace it with a call to your model.
const respond = listener(
  async function* respond(history: ChatMessage[], ctx) {
    const last = history.at(-1);
    let answer = "";
    for (const word of `You said **${last?.content ?? "nothing"}**.`.split(/(?<= )/)) {
      answer += word;
      yield [...history, { role: "assistant", content: answer }] as ChatMessage[];
      await sleep(100, ctx.signal);
    }
  },
  { inputs: [chat], outputs: [chat], concurrencyLimit: 4 },
);

// Instant, outside the queue: the message joins the chat and the box clears; then the reply runs.
const send = on(
  message,
  "submit",
  listener((text: string, history: ChatMessage[]) => ["", [...history, { role: "user", content: text }]] as [string, ChatMessage[]], {
    inputs: [message, chat],
    outputs: [message, chat],
    queue: false,
    success: respond,
  }),
);

export default (
  <Blocks title="My Blockwork chat">
    {chat}
    {message}
    <Row>
      <Button variant="primary" onClick={send}>
        Send
      </Button>
    </Row>
  </Blocks>
);
