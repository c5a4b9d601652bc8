import { screenshotBothSchemes } from "./fixtures/helpers.ts";
import { expect, test } from "./fixtures/test.ts";

test.use({ demoName: "leaderboard" });

const numbers = (texts: string[]): number[] => texts.map(Number);

test("10,000 rows scroll with only those in view in the page; a header sorts, search filters", async ({ page, demo }) => {
  await page.goto(demo.url);
  const grid = page.getByRole("grid", { name: "Models" });
  await expect(grid).toHaveAttribute("aria-rowcount", "10001");
  await expect(page.getByText("10,000 rows")).toBeVisible();
  expect(await grid.getByRole("row").count()).toBeLessThan(40);

  // Sort by score, best first: the second click on a header sorts descending.
  const score = grid.getByRole("columnheader", { name: "score" });
  await score.getByRole("button").click();
  await expect(score).toHaveAttribute("aria-sort", "ascending");
  await score.getByRole("button").click();
  await expect(score).toHaveAttribute("aria-sort", "descending");
  const scores = numbers(await grid.locator('[role=gridcell][aria-colindex="4"]').allTextContents());
  expect(scores.length).toBeGreaterThan(5);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));

  // Scrolled to the end, the last row is drawn and the first ones are gone.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.locator('[role=row][aria-rowindex="10001"]')).toBeVisible();
  await expect(grid.locator('[role=row][aria-rowindex="2"]')).toHaveCount(0);
  expect(await grid.getByRole("row").count()).toBeLessThan(40);

  await page.getByLabel("Search Models").fill("qwen-70b");
  await expect(page.getByText(/^\d[\d,]* of 10,000 rows$/)).toBeVisible();
  await expect(grid.locator('[role=gridcell][aria-colindex="2"]').first()).toHaveText("Qwen");
  const families = await grid.locator('[role=gridcell][aria-colindex="2"]').allTextContents();
  expect(families.length).toBeGreaterThan(0);
  expect(new Set(families)).toEqual(new Set(["Qwen"]));
});

test("a click on a cell shows what the handler got: the cell, its row and its column", async ({ page, demo }) => {
  await page.goto(demo.url);
  const grid = page.getByRole("grid", { name: "Models" });
  const firstRow = grid.locator('[role=row][aria-rowindex="2"]');
  const model = (await firstRow.locator('[aria-colindex="1"]').textContent())!;
  const released = (await firstRow.locator('[aria-colindex="5"]').textContent())!;
  await firstRow.locator('[aria-colindex="5"]').click();
  await expect(firstRow.locator('[aria-colindex="5"]')).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: model })).toBeVisible();
  await expect(page.getByText(`You clicked row 1, column released: ${released}.`)).toBeVisible();
});

test("filters ask the server for the matching rows and plots; a bar's tooltip names its family and score", async ({ page, demo }) => {
  await page.goto(demo.url);
  const grid = page.getByRole("grid", { name: "Models" });
  await expect(page.getByText("10,000 rows")).toBeVisible();
  await page.getByRole("checkbox", { name: "Falcon" }).uncheck();
  await expect(page.getByText(/^[\d,]+ rows$/)).not.toHaveText("10,000 rows");
  const families = await grid.locator('[role=gridcell][aria-colindex="2"]').allTextContents();
  expect(families).not.toContain("Falcon");
  await page.getByLabel("Released on or after").fill("2024-06-01");
  await expect(grid.locator('[role=gridcell][aria-colindex="5"]').first()).toHaveText(/^2024-(0[6-9]|1[0-2])-/);

  // Four families left: hovering the plot's middle shows the third bar's tooltip.
  const bars = page.getByRole("img", { name: "Mean score by family" });
  await expect(bars).toHaveAttribute("data-points", "4");
  await bars.scrollIntoViewIfNeeded();
  const box = (await bars.boundingBox())!;
  await bars.hover({ position: { x: box.width * 0.62, y: box.height * 0.6 } });
  const tooltip = bars.locator(".bw-plot-tooltip");
  await expect(tooltip).toContainText(/family: (Mistral|Phi)/);
  await expect(tooltip).toContainText(/mean score: \d+(\.\d)?/);
  await expect(tooltip).toContainText(/models: [\d,]+/);
  await screenshotBothSchemes(page, "leaderboard");
});
