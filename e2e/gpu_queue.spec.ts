import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test.ts";
import { maxConcurrency, screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "gpu_queue", gates: true });

test("5 users over three buttons sharing gpu_queue: never more than 2 run, the rest see their positions", async ({ browser, demo }) => {
  const buttons = ["Generate Image via model 1", "Generate Image via model 2", "Generate Image via model 3", "Generate Image via model 1", "Generate Image via model 2"];
  const pages: Page[] = [];
  for (const [i, name] of buttons.entries()) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(demo.url);
    await page.getByLabel("Prompt").fill(`bike ${i}`);
    await page.getByRole("button", { name }).click();
    pages.push(page);
    // Arrival order decides queue order: let each join land before the next click.
    await expect(page.getByTestId("status")).toHaveText(/^(processing|queue:)/);
  }
  const status = (page: Page) => page.getByTestId("status");

  await expect.poll(async () => (await demo.record()).held).toBe(2);
  await expect(status(pages[0]!)).toHaveText(/^processing/);
  await expect(status(pages[1]!)).toHaveText(/^processing/);
  await expect(status(pages[2]!)).toHaveText(/^queue: 1\/3 \|/);
  await expect(status(pages[3]!)).toHaveText(/^queue: 2\/3 \|/);
  await expect(status(pages[4]!)).toHaveText(/^queue: 3\/3 \|/);

  await demo.release(1);
  await expect(status(pages[2]!)).toHaveText(/^processing/);
  await expect(status(pages[4]!)).toHaveText(/^queue: 2\/2 \|/);

  for (let released = 0; released < 4; released++) {
    await expect.poll(async () => (await demo.record()).held).toBeGreaterThan(0);
    await demo.release(1);
  }
  for (const page of pages) {
    await expect(page.getByRole("group", { name: "Result" }).locator("img")).toHaveAttribute("src", /\/files\/[0-9a-f]{32}$/, { timeout: 20_000 });
  }
  const record = await demo.record();
  expect(record.events.filter((e) => e.type === "end")).toHaveLength(5);
  expect(maxConcurrency(record.events)).toBe(2);
  await screenshotDemo(pages[4]!, "gpu_queue");
  for (const page of pages) await page.context().close();
});
