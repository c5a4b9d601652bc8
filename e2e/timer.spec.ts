import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "timer" });

const count = async (value: string) => Number(/(\d+)$/.exec(value)?.[1] ?? 0);

test("a Timer ticks with the tab's current values, and handlers stop and start it", async ({ page, demo }) => {
  await page.goto(demo.url);
  const ticks = page.getByLabel("Ticks");
  await expect(ticks).toHaveValue(/^tick [3-9]|^tick \d\d/);
  await page.getByLabel("Name").fill("tock");
  await expect(ticks).toHaveValue(/^tock \d+$/);
  await screenshotDemo(page, "timer");

  await page.getByRole("button", { name: "Stop timer" }).click();
  await page.waitForTimeout(500);
  const stopped = await count(await ticks.inputValue());
  await page.waitForTimeout(1000);
  expect(await count(await ticks.inputValue())).toBe(stopped);

  await page.getByRole("button", { name: "Start timer" }).click();
  await expect.poll(async () => count(await ticks.inputValue())).toBeGreaterThan(stopped + 1);
});
