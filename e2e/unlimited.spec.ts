import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test.ts";
import { maxConcurrency, screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "unlimited", gates: true });

test("concurrencyLimit null: every user's request runs at once, nobody waits", async ({ browser, demo }) => {
  const pages: Page[] = [];
  for (const city of ["Lisbon", "Oslo", "Lima", "Accra"]) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(demo.url);
    await page.getByLabel("City").fill(city);
    await page.getByRole("button", { name: "Get weather" }).click();
    pages.push(page);
  }
  await expect.poll(async () => (await demo.record()).held).toBe(4);
  for (const page of pages) await expect(page.getByTestId("status")).toHaveText(/^processing/);

  await demo.release(4);
  for (const [i, page] of pages.entries()) {
    await expect(page.getByRole("group", { name: "Weather report" })).toContainText(`"city": "${["Lisbon", "Oslo", "Lima", "Accra"][i]}"`);
  }
  expect(maxConcurrency((await demo.record()).events)).toBe(4);
  await screenshotDemo(pages[0]!, "unlimited");
  for (const page of pages) await page.context().close();
});
