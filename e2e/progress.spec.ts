import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "progress" });

test("a progress bar with its description and done/total covers the output, then the result shows", async ({ page, demo }) => {
  await page.goto(demo.url);
  // "Loading model" lasts 0.4 s and "Processing letters" 3 s: on a loaded machine a polling assertion can start
  // after either is gone, so every text and bar width the page shows is recorded as it happens.
  await page.evaluate(() => {
    const seen: { text: string; width: string }[] = [];
    (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="progress"]')) {
        seen.push({ text: el.textContent ?? "", width: el.querySelector<HTMLElement>(".bw-progress-fill")?.style.width ?? "" });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByRole("button", { name: "Process" }).click();
  await expect(page.getByLabel("Result")).toHaveValue("BLOCKWORK TRACKS PROGRESS", { timeout: 15_000 });
  await expect(page.getByTestId("progress")).toHaveCount(0);
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: { text: string; width: string }[] }).progressSeen);
  const shown = seen.map((s) => s.text).join(" | ").slice(0, 300);
  expect(seen.some((s) => s.text.includes("Loading model")), `progress texts seen: ${shown}`).toBe(true);
  const letters = seen.filter((s) => /Processing letters - \d+\/25/.test(s.text));
  expect(letters.length, `progress texts seen: ${shown}`).toBeGreaterThan(0);
  expect(letters.some((s) => /^\d+(\.\d+)?%$/.test(s.width))).toBe(true);
  await screenshotDemo(page, "progress");
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
