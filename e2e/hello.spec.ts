import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "hello" });

test("submitting with Enter and with the button shows the greeting", async ({ page, demo }) => {
  await page.goto(demo.url);
  const name = page.getByLabel("Name");
  const greeting = page.getByLabel("Greeting");
  await expect(greeting).not.toBeEditable();
  await name.fill("Ada");
  await name.press("Enter");
  await expect(greeting).toHaveValue("Hello, Ada!");
  await name.fill("Grace");
  await page.getByRole("button", { name: "Greet" }).click();
  await expect(greeting).toHaveValue("Hello, Grace!");
  await screenshotDemo(page, "hello");
});

test("clicking an example fills the input", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByTestId("example").filter({ hasText: "Linus" }).click();
  await expect(page.getByLabel("Name")).toHaveValue("Linus");
});

test("a handler error shows a toast and an error state, and the next click works", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByRole("button", { name: "Greet" }).click();
  await expect(page.getByTestId("toast")).toContainText("Please enter a name first.");
  await expect(page.getByTestId("status")).toHaveAttribute("data-stage", "error");
  await page.getByLabel("Name").fill("Linus");
  await page.getByRole("button", { name: "Greet" }).click();
  await expect(page.getByLabel("Greeting")).toHaveValue("Hello, Linus!");
  await expect(page.getByTestId("status")).toHaveCount(0);
});

test("the page reloads itself after the server restarts, and works again", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByLabel("Name").fill("before restart");
  const reloaded = page.waitForEvent("load", { timeout: 30_000 });
  await demo.restart();
  await reloaded;
  await expect(page.getByLabel("Name")).toHaveValue("");
  await page.getByLabel("Name").fill("Grace");
  await page.getByLabel("Name").press("Enter");
  await expect(page.getByLabel("Greeting")).toHaveValue("Hello, Grace!");
});

test("losing the server shows a reconnecting notice; when it is back the page reloads and works", async ({ page, demo }) => {
  await page.goto(demo.url);
  await expect(page.getByLabel("Name")).toBeVisible();
  // A mark on this page's window: a reload clears it.
  await page.evaluate(() => ((window as unknown as { beforeLoss?: boolean }).beforeLoss = true));
  await demo.pause();
  await expect(page.getByTestId("connection-banner")).toContainText(/connection lost, reconnecting/i);
  await demo.resume();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { beforeLoss?: boolean }).beforeLoss ?? false).catch(() => true), {
      message: "the page reloads once the new server instance answers",
      timeout: 30_000,
    })
    .toBe(false);
  await expect(page.getByTestId("connection-banner")).toHaveCount(0);
  await page.getByLabel("Name").fill("Ada");
  await page.getByLabel("Name").press("Enter");
  await expect(page.getByLabel("Greeting")).toHaveValue("Hello, Ada!");
});
