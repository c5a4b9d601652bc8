import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { expect, test } from "./fixtures/test.ts";
import { maxConcurrency, screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "mcp_tools", gates: true });

const usersText = "The user clicked first. So the user is served first.\n\nAgents wait their turn.";
const agentsText = "An agent asks through MCP. It hears its place in line.\n\nThen it gets its answer.";

// Issue 12, must-show 3: the MCP SDK's own client against the real CLI, behind a real browser's click.
test("an MCP tool call waits in the limit-1 queue behind a browser user, hearing its place as progress, then answers", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByLabel("Text").fill(usersText);
  await page.getByRole("button", { name: "Summarise" }).click();
  await expect.poll(async () => (await demo.record()).held, { message: "the page's job holds the one slot" }).toBe(1);
  await expect(page.getByTestId("status")).toHaveText(/^processing/);

  const client = new Client({ name: "blockwork-e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL("mcp", demo.url)));
  const { tools } = await client.listTools();
  const textInput = { type: "object", properties: { text: { type: "string" } }, required: ["text"] };
  expect(tools).toEqual([
    { name: "summarise", description: "Summarises a text: the first sentence of each paragraph. One model, so calls take turns.", inputSchema: textInput },
    { name: "count_words", description: "Counts the words of a text.", inputSchema: textInput },
  ]);

  const progress: Progress[] = [];
  const waiters: { readonly test: (p: Progress) => boolean; readonly resolve: () => void }[] = [];
  const heard = (test: (p: Progress) => boolean) =>
    progress.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
  const call = client.callTool({ name: "summarise", arguments: { text: agentsText } }, undefined, {
    onprogress: (p) => {
      progress.push(p);
      for (const waiter of waiters) if (waiter.test(p)) waiter.resolve();
    },
    resetTimeoutOnProgress: true,
  });
  let answered = false;
  void call.then(() => (answered = true));

  // The browser's job is running, so the agent's is next in line: nothing ahead of it, itself the one waiting.
  await heard((p) => p.message?.startsWith("Waiting in the queue") === true);
  expect(progress[0]).toMatchObject({ progress: 0.001, total: 100, message: "Waiting in the queue: 0 ahead of 1 waiting" });

  await demo.release(1);
  await expect(page.getByLabel("Summary")).toHaveValue("The user clicked first. Agents wait their turn.");
  // The slot passed to the agent's job, which now waits at the gate in turn: its call has not answered yet.
  await expect.poll(async () => (await demo.record()).held, { message: "the agent's job holds the slot" }).toBe(1);
  await heard((p) => p.message === "Running");
  expect(answered).toBe(false);

  await demo.release(1);
  expect(await call).toEqual({ content: [{ type: "text", text: JSON.stringify("An agent asks through MCP. Then it gets its answer.") }] });
  const messages = progress.map((p) => p.message);
  expect(messages).toContain("Reading paragraphs 0/2");
  const values = progress.map((p) => p.progress);
  expect(values, "MCP progress only ever increases").toEqual([...values].sort((a, b) => a - b));
  expect(new Set(values).size).toBe(values.length);

  // The page's job ended before the agent's started: one slot, first come first served.
  const { events } = await demo.record();
  expect(events.map((e) => e.type)).toEqual(["start", "end", "start", "end"]);
  expect(maxConcurrency(events)).toBe(1);
  await client.close();
  await screenshotDemo(page, "mcp_tools");
});
