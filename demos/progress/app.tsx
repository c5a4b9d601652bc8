import { Blocks, Button, listener, Row, Textbox } from "@blockwork/core";

const text = Textbox({ label: "Text", value: "Blockwork tracks progress" });
const result = Textbox({ label: "Result", lines: 2 });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ctx.progress for a fraction, then ctx.track over the letters: the bar shows "Processing letters - 3/25".
const process = listener(
  async function process(input: string, ctx) {
    for (let i = 1; i <= 4; i++) {
      ctx.progress(i / 4, "Loading model");
      await pause(100);
    }
    let out = "";
    for await (const ch of ctx.track([...input], "Processing letters")) {
      out += ch.toUpperCase();
      await pause(120);
    }
    return out;
  },
  { inputs: [text], outputs: [result] },
);

// Progress reported 100,000 times in a tight loop: the server sends the latest value a few times a second.
const count = listener(
  async function count(_input: string, ctx) {
    const total = 100_000;
    for (let i = 1; i <= total; i++) {
      ctx.progress([i, total], "Counting");
      if (i % 5_000 === 0) await pause(25);
    }
    return `Counted to ${total}`;
  },
  { inputs: [text], outputs: [result] },
);

export default (
  <Blocks title="Progress">
    {"# Progress\n`ctx.progress(fraction, desc)` and `ctx.track(items, desc)` draw a bar with its description over the outputs."}
    {text}
    <Row>
      <Button variant="primary" onClick={process}>
        Process
      </Button>
      <Button onClick={count}>Count fast</Button>
    </Row>
    {result}
  </Blocks>
);
