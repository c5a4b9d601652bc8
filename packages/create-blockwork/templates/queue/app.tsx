import { Blocks, Button, Slider, Textbox, type HandlerContext } from "blockwork";

const text = Textbox({ label: "Text", placeholder: "Type something" });
const steps = Slider({ label: "Steps", minimum: 1, maximum: 20, value: 5 });
const result = Textbox({ label: "Result" });

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

// Stands in for slow work (a model, an API call): 100 ms per step, reported as progress. Two jobs run at once;
// the others wait in the queue and see their position and ETA.
async function shout(input: string, count: number, ctx: HandlerContext): Promise<string> {
  for (let step = 0; step < count; step++) {
    ctx.progress([step, count], "Thinking");
    await sleep(100, ctx.signal);
  }
  return `${input.toUpperCase()}!`;
}

export default (
  <Blocks title="My Blockwork app">
    {"# Shout\nA queued listener: at most two jobs run at once, the rest wait their turn."}
    {text}
    {steps}
    <Button variant="primary" onClick={shout} inputs={[text, steps]} outputs={[result]} concurrencyLimit={2}>
      Shout
    </Button>
    {result}
  </Blocks>
);
