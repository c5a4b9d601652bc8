import { Blocks, Button, NumberBox, Row, Textbox, type HandlerContext } from "@blockwork/core";

const text = Textbox({
  label: "Text",
  lines: 6,
  value: "Queues keep one model busy and every caller fair. A browser user and an agent wait in the same line.\n\nMCP tools are listeners. Each tool call hears its place in the queue as progress.",
});
const summary = Textbox({ label: "Summary", lines: 3 });
const words = NumberBox({ label: "Words" });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The "model": one summary at a time (a queue of 1), reading a paragraph at a time, as a slow model would. Keeps the
// first sentence of each paragraph: short enough to read at a glance, and the same answer for a page and an agent.
async function summarise(input: string, ctx: HandlerContext): Promise<string> {
  const paragraphs = input.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== "");
  const firsts: string[] = [];
  for await (const paragraph of ctx.track(paragraphs, "Reading paragraphs")) {
    await pause(400);
    firsts.push(/^.*?[.!?](?=\s|$)/s.exec(paragraph)?.[0] ?? paragraph);
  }
  return firsts.join(" ") || "Nothing to summarise.";
}

// Cheap and unqueued work: no reason to wait behind the model.
function countWords(input: string): number {
  return input.split(/\s+/).filter((w) => w !== "").length;
}

export default (
  <Blocks title="MCP tools">
    {"# Tools for agents\nEvery listener here is also an MCP tool at `/mcp`. An agent's call waits in the same queue as this page's clicks, and hears its place in line as progress."}
    {text}
    <Row>
      <Button variant="primary" onClick={summarise} inputs={[text]} outputs={[summary]} concurrencyLimit={1} apiName="summarise" description="Summarises a text: the first sentence of each paragraph. One model, so calls take turns.">
        Summarise
      </Button>
      <Button onClick={countWords} inputs={[text]} outputs={[words]} concurrencyLimit={null} apiName="count_words" description="Counts the words of a text.">
        Count words
      </Button>
    </Row>
    {summary}
    {words}
  </Blocks>
);

export const launchOptions = { mcpServer: true };
