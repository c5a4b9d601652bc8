import { expect, test } from "./fixtures/test.ts";

test.use({ demoName: "queue_full", gates: true });

test("a full queue turns a job away with when to retry: 'The queue is full. Try again in N s.'", async ({ browser, demo }) => {
  const pages = await Promise.all([0, 1, 2].map(async () => (await browser.newContext()).newPage()));
  for (const page of pages) await page.goto(demo.url);
  const [first, second, third] = pages as [(typeof pages)[0], (typeof pages)[0], (typeof pages)[0]];
  const render = (page: typeof first, prompt: string) => page.getByLabel("Prompt").fill(prompt).then(() => page.getByRole("button", { name: "Render" }).click());

  // One finished job gives the queue its ETA, from which the retry hint is estimated.
  await render(first, "warm-up");
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await demo.release(1);
  await expect(first.getByLabel("Result")).toHaveValue("Rendered: warm-up");

  await render(first, "running");
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await render(second, "waiting");
  await expect(second.getByTestId("status")).toHaveText(/^queue: 1\/1/);
  await render(third, "refused");
  await expect(third.getByTestId("toast")).toHaveText(/The queue is full\. Try again in \d+ s\./);
  await expect(third.getByRole("button", { name: "Render" })).toBeEnabled();

  await demo.release(1);
  await expect(first.getByLabel("Result")).toHaveValue("Rendered: running");
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await demo.release(1);
  await expect(second.getByLabel("Result")).toHaveValue("Rendered: waiting");
  const record = await demo.record();
  expect(record.events.filter((e) => e.type === "start")).toHaveLength(3);
  for (const page of pages) await page.context().close();
});
