import { Blocks, Button, listener, Textbox } from "@blockwork/core";

const prompt = Textbox({ label: "Prompt" });
const result = Textbox({ label: "Result" });

/** Stands in for a slow model: one job at a time, and room for only one more to wait. */
async function render(text: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return `Rendered: ${text}`;
}

export default (
  <Blocks title="Queue full" queue={{ maxSize: 1 }}>
    {"# Queue full\nOne job runs and one waits; a third is turned away with a hint of when to try again."}
    {prompt}
    {result}
    <Button variant="primary" onClick={listener(render, { inputs: [prompt], outputs: [result] })}>
      Render
    </Button>
  </Blocks>
);
