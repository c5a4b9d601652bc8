import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "layout" });

test("every component renders, takes input and shows output", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByLabel("Text").fill("world");
  await page.getByLabel("Notes").fill("line one\nline two");
  await page.getByLabel("Amount").fill("4");
  await page.getByLabel("Level").fill("7");
  await page.getByLabel("Enabled").uncheck();
  await page.getByLabel("Color").selectOption("blue");
  await page.getByLabel("cheap").check();
  await page.getByLabel("L", { exact: true }).check();
  await page.getByRole("button", { name: "Summarize" }).click();

  const summary = page.getByRole("group", { name: "Summary" });
  await expect(summary).toContainText('"text": "world"');
  await expect(summary).toContainText('"amount": 4');
  await expect(summary).toContainText('"level": 7');
  await expect(summary).toContainText('"enabled": false');
  await expect(summary).toContainText('"color": "blue"');
  await expect(summary).toContainText('"size": "L"');
  await expect(summary).toContainText("cheap");
  await expect(page.getByTestId("label-headline")).toHaveText("blue");
  await expect(page.getByRole("group", { name: "Rendered" }).locator("strong")).toHaveText("world");
  await expect(page.getByLabel("Runs this session")).toHaveValue("1");

  // State lives on the server per session: a second run counts 2.
  await page.getByRole("button", { name: "Summarize" }).click();
  await expect(page.getByLabel("Runs this session")).toHaveValue("2");
  await screenshotDemo(page, "layout");

  await page.getByTestId("example").filter({ hasText: "bye" }).click();
  await expect(page.getByLabel("Text")).toHaveValue("bye");
  await expect(page.getByLabel("Amount")).toHaveValue("7");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.getByLabel("Text")).toHaveValue("hello");
  await expect(page.getByLabel("Amount")).toHaveValue("3");

  await page.getByText("About", { exact: true }).click();
  await expect(page.getByText("Blockwork renders any app from its JSON config.")).toBeVisible();
});

test("a phone-width screen stacks rows without horizontal scrolling", async ({ page, demo }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(demo.url);
  await expect(page.getByLabel("Text")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshotDemo(page, "layout-phone");
});

test("dark mode follows prefers-color-scheme", async ({ browser, demo }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto(demo.url);
  await expect(page.getByLabel("Text")).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe("rgb(255, 255, 255)");
  await screenshotDemo(page, "layout-dark");
  await context.close();
});
