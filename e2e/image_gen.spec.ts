import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test.ts";
import { maxConcurrency, screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "image_gen", gates: true });

test("7 users, limit 5: five process, two wait with live positions, and all get an image", async ({ browser, demo }) => {
  // Seven browser contexts on two shared cores: opening them alone took most of the 120 s budget once, under a
  // load average of 11 (the queue was fine: the test ran out of time while the 2 s job was finishing).
  test.slow();
  const pages: Page[] = [];
  for (let i = 0; i < 7; i++) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(demo.url);
    await page.getByLabel("Prompt").fill(`prompt ${i}`);
    pages.push(page);
  }
  for (const page of pages) await page.getByRole("button", { name: "Generate" }).click();

  const status = (page: Page) => page.getByTestId("status");
  await expect.poll(async () => (await demo.record()).held, { message: "5 jobs reach the gate" }).toBe(5);
  const texts = async () => Promise.all(pages.map((p) => status(p).innerText()));
  await expect
    .poll(async () => (await texts()).filter((t) => t.startsWith("processing")).length, { message: "five pages show processing" })
    .toBe(5);
  await expect.poll(async () => (await texts()).filter((t) => /^queue: [12]\/2 \|/.test(t)).length, { message: "two show a queue position" }).toBe(2);

  const pageShowing = async (pattern: RegExp): Promise<Page> => {
    for (const page of pages) if (pattern.test(await status(page).innerText())) return page;
    throw new Error(`no page shows ${pattern}`);
  };
  const firstWaiting = await pageShowing(/^queue: 1\/2 \|/);
  const secondWaiting = await pageShowing(/^queue: 2\/2 \|/);
  await demo.release(1);
  await expect(status(firstWaiting), "the first waiting page moves to processing once a slot frees").toHaveText(/^processing/);
  await expect(status(secondWaiting), "the second moves up to first place").toHaveText(/^queue: 1\/1 \|/);

  // Jobs reach the gate as slots free up: keep releasing until all 7 have ended.
  const ended = async () => {
    await demo.release(10);
    return (await demo.record()).events.filter((e) => e.type === "end").length;
  };
  await expect.poll(ended, { timeout: 30_000 }).toBe(7);
  for (const page of pages) {
    await expect(page.getByRole("group", { name: "Result" }).locator("img")).toHaveAttribute("src", /\/files\/[0-9a-f]{32}$/, { timeout: 20_000 });
  }
  const record = await demo.record();
  expect(maxConcurrency(record.events)).toBe(5);

  await screenshotDemo(pages[0]!, "image_gen");
  for (const page of pages) await page.context().close();
});
