import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "stop", gates: true });

const words = (text: string) => (text.trim() === "" ? 0 : text.trim().split(/\s+/).length);

test("Stop ends a running generator: the stream stops, the handler ends early and its slot is freed", async ({ page, demo }) => {
  await page.goto(demo.url);
  const story = page.getByLabel("Story");
  await page.getByRole("button", { name: "Write" }).click();
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await demo.release(1);
  await expect(story).toHaveValue(/the sea-5\b/);
  await expect(page.locator(".bw-block-textbox.bw-generating")).toBeVisible();

  await page.getByRole("button", { name: "Stop" }).click();
  await expect.poll(async () => (await demo.record()).events.filter((e) => e.type === "end").length).toBe(1);
  const record = await demo.record();
  expect(record.running).toBe(0);
  const [start, end] = record.events;
  expect(start).toMatchObject({ type: "start", apiName: "write" });
  expect(end).toMatchObject({ type: "end", apiName: "write" });
  // The whole story takes 15 s; stopped, the handler ended within moments.
  expect(end!.at - start!.at).toBeLessThan(10_000);
  await expect(page.locator(".bw-block-textbox.bw-generating")).toHaveCount(0);
  const stopped = await story.inputValue();
  await page.waitForTimeout(400);
  expect(await story.inputValue()).toBe(stopped);
  expect(words(stopped)).toBeLessThan(300);
  await expect(page.getByTestId("toast")).toHaveCount(0);
  await screenshotDemo(page, "stop");

  // The slot is free: the next job starts at once.
  await page.getByRole("button", { name: "Write" }).click();
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await demo.release(1);
  await expect(story).toHaveValue(/^the sea-1 the sea-2/);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect.poll(async () => (await demo.record()).running).toBe(0);
});

test("a listener's timeout ends it with a clear error", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByRole("button", { name: "Slow (1 s timeout)" }).click();
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await demo.release(1);
  await expect(page.getByTestId("toast")).toContainText("slow ran longer than its 1000 ms timeout and was stopped.");
  await expect.poll(async () => (await demo.record()).running).toBe(0);
});
