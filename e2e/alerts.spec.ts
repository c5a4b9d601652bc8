import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "alerts" });

test("onLoad runs when the page opens", async ({ page, demo }) => {
  await page.goto(demo.url);
  await expect(page.getByText("Welcome! Your session is ready.")).toBeVisible();
});

test("info, warning and success toasts come from a running job, and an update makes a hidden component appear", async ({ page, demo }) => {
  await page.goto(demo.url);
  await expect(page.getByLabel("Details")).toHaveCount(0);
  await page.getByRole("button", { name: "Run checks" }).click();
  const toasts = page.getByTestId("toast");
  await expect(toasts.and(page.locator('[data-level="info"]'))).toContainText("Checking the inputs");
  await expect(toasts.and(page.locator('[data-level="warning"]'))).toContainText("The cache is cold");
  await expect(toasts.and(page.locator('[data-level="success"]'))).toContainText("All checks passed");
  const report = page.getByLabel("Check report");
  await expect(report).toBeVisible();
  await expect(report).toHaveValue("3 of 3 checks passed");
  await screenshotDemo(page, "alerts");

  // The toasts sit over the page's top-right corner until they time out (10 s) or are closed.
  while ((await toasts.count()) > 0) await toasts.first().getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Hide report" }).click();
  await expect(report).toHaveCount(0);
});

test("a handler error shows an error toast", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByRole("button", { name: "Fail" }).click();
  await expect(page.getByTestId("toast").and(page.locator('[data-level="error"]'))).toContainText("Something went wrong, on purpose.");
});
