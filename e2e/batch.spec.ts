import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "batch", gates: true });

test("jobs of several users waiting together run as one batch call, each user getting their own result", async ({ browser, demo }) => {
  const pages: Page[] = [];
  for (let i = 0; i < 4; i++) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(demo.url);
    await page.getByLabel("Word").fill(`word${i}`);
    pages.push(page);
  }
  // The first job runs alone (it waited 500 ms for company that did not come) and holds the slot at the gate.
  await pages[0]!.getByRole("button", { name: "Shout" }).click();
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  for (const page of pages.slice(1)) {
    await page.getByRole("button", { name: "Shout" }).click();
    await expect(page.getByTestId("status")).toHaveText(/^queue:/);
  }
  await demo.release(1);
  await expect(pages[0]!.getByLabel("Result")).toHaveValue("WORD0! (one call for 1)");

  // The three that waited leave the queue together, as one call in one slot.
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await demo.release(1);
  for (const [i, page] of pages.entries()) {
    if (i === 0) continue;
    await expect(page.getByLabel("Result")).toHaveValue(`WORD${i}! (one call for 3)`);
  }
  const record = await demo.record();
  expect(record.events.filter((e) => e.type === "start")).toHaveLength(4);
  expect(record.running).toBe(0);
  await screenshotDemo(pages[3]!, "batch");
  for (const page of pages) await page.context().close();
});
