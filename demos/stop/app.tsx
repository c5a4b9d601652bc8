import { Blocks, Button, listener, Row, Textbox } from "@blockwork/core";

const topic = Textbox({ label: "Topic", value: "the sea" });
const story = Textbox({ label: "Story", lines: 6 });

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Writes 300 words, one every 50 ms: 15 seconds unless stopped. Honours its signal, so a Stop frees the slot at once. */
const write = listener(
  async function* write(subject: string, ctx) {
    let text = "";
    for (let i = 1; i <= 300; i++) {
      text += `${i === 1 ? "" : " "}${subject}-${i}`;
      yield text;
      await sleep(50, ctx.signal);
    }
  },
  { inputs: [topic], outputs: [story] },
);

// No handler: the Stop button cancels the tab's running `write` job (its generator is closed on the server).
const stop = listener(null, { cancels: [write] });

// A listener with a 1-second timeout whose handler would take 5.
const slow = listener(
  async function slow(subject: string, ctx) {
    await sleep(5_000, ctx.signal);
    return subject;
  },
  { inputs: [topic], outputs: [story], timeout: 1_000 },
);

export default (
  <Blocks title="Stop">
    {"# Stop a running generator\n**Stop** cancels the job (`cancels: [write]`): the server aborts its signal and closes the generator."}
    {topic}
    <Row>
      <Button variant="primary" onClick={write}>
        Write
      </Button>
      <Button variant="stop" onClick={stop}>
        Stop
      </Button>
      <Button onClick={slow}>Slow (1 s timeout)</Button>
    </Row>
    {story}
  </Blocks>
);
