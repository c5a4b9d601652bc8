import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "progress" });

test("a progress bar with its description and done/total covers the output, then the result shows", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByRole("button", { name: "Process" }).click();
  const progress = page.getByTestId("progress");
  await expect(progress).toContainText("Loading model");
  await expect(progress).toHaveText(/Processing letters - \d+\/25/);
  const fill = progress.locator(".bw-progress-fill");
  await expect(fill).toHaveAttribute("style", /width: \d+(\.\d+)?%/);
  await screenshotDemo(page, "progress");
  await expect(page.getByLabel("Result")).toHaveValue("BLOCKWORK TRACKS PROGRESS", { timeout: 15_000 });
  await expect(progress).toHaveCount(0);
});

test("100,000 progress reports in a loop show as a live count and finish quickly", async ({ page, demo }) => {
  await page.goto(demo.url);
  // The count lasts about half a second: record every progress text the page shows, rather than polling for one.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="progress"]')) seen.push(el.textContent ?? "");
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("button", { name: "Count fast" }).click();
  await expect(page.getByLabel("Result")).toHaveValue("Counted to 100000");
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.some((text) => /Counting - \d+\/100000/.test(text)), `progress texts seen: ${seen.slice(0, 5).join(" | ")}`).toBe(true);
});
