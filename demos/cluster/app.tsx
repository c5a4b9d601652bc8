import { Blocks, Button, Textbox, type HandlerContext } from "@blockwork/core";

const prompt = Textbox({ label: "Prompt", placeholder: "A lighthouse at dusk" });
const result = Textbox({ label: "Result" });

// One expensive model, one GPU: a queue of one, shared by every process of the app when they share a Redis
// (`blockwork run app.tsx --redis redis://…` on each). The answer names the process and slot that ran it.
async function generate(text: string, ctx: HandlerContext): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return `${text.trim() || "Nothing"}, made by process ${process.pid} on GPU ${ctx.slotIndex}`;
}

export default (
  <Blocks title="Cluster">
    {"# One GPU, many processes\nRun this app in several processes on one Redis: every page waits in the same queue of **1**, whichever process serves it."}
    {prompt}
    <Button variant="primary" onClick={generate} inputs={[prompt]} outputs={[result]} concurrencyLimit={1} description="Makes the prompt on the app's one GPU, whichever process serves the caller">
      Generate
    </Button>
    {result}
  </Blocks>
);
