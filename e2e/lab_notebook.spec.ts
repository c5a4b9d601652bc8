import { screenshotBothSchemes } from "./fixtures/helpers.ts";
import { expect, test } from "./fixtures/test.ts";

test.use({ demoName: "lab_notebook" });

test("edit a cell, pick a colour and a date, and submit: the handler gets them all", async ({ page, demo }) => {
  await page.goto(demo.url);
  const grid = page.getByRole("grid", { name: "Readings" });
  const humidity = grid.locator('[role=row][aria-rowindex="4"] [aria-colindex="3"]');
  await expect(humidity).toHaveText("71");

  // A number column refuses text, Escape leaves the cell as it was, Enter commits.
  await humidity.dblclick();
  const editor = grid.getByRole("textbox");
  await editor.fill("lots");
  await editor.press("Enter");
  await expect(editor).toHaveAttribute("aria-invalid", "true");
  await expect(grid.getByText("Enter a number")).toBeVisible();
  await editor.press("Escape");
  await expect(humidity).toHaveText("71");
  await humidity.dblclick();
  await grid.getByRole("textbox").fill("65");
  await grid.getByRole("textbox").press("Enter");
  await expect(humidity).toHaveText("65");
  await expect(humidity).toBeFocused();

  await page.getByLabel("Chart colour", { exact: true }).fill("#3b82f6");
  await expect(page.getByLabel("Chart colour (hex code)")).toHaveValue("#3b82f6");
  await page.getByLabel("Report date").fill("2024-06-01T14:30");
  await page.getByRole("checkbox", { name: "humidity (%)" }).check();
  await page.getByRole("button", { name: "Summarise" }).click();

  const summary = page.getByRole("group", { name: "Summary" });
  await expect(summary).toContainText('"report": "2024-06-01T14:30"');
  await expect(summary).toContainText('"colour": "#3b82f6"');
  // (62 + 55 + 65 + 48 + 44 + 52 + 77) / 7 = 57.57 with the edited reading; 58.43 without it.
  await expect(summary).toContainText('"mean humidity (%)": 57.57');
  // The handler wrote the chart's option into the editor, whose change drew the chart.
  await expect(page.getByText("Chart drawn from the option above.")).toBeVisible();
  await expect(page.locator(".cm-content").first()).toContainText('"color": "#3b82f6"');
});

test("a header click sorts the readings; a scatter point's tooltip and click show its reading", async ({ page, demo }) => {
  await page.goto(demo.url);
  const grid = page.getByRole("grid", { name: "Readings" });
  await grid.getByRole("columnheader", { name: "temperature (°C)" }).getByRole("button").click();
  await expect(grid.locator('[role=gridcell][aria-colindex="2"]')).toHaveText(["17.9", "18.5", "19.2", "21", "22.8", "23.4", "25.1"]);
  await page.getByRole("button", { name: "Summarise" }).click();

  const scatter = page.getByRole("img", { name: "Humidity against temperature" });
  await expect(scatter).toHaveAttribute("data-points", "7");
  await scatter.scrollIntoViewIfNeeded();
  // ECharts draws each point as a circle path, in the rows' order: the third is 2024-05-08.
  // Its box is read once: a hovered point is redrawn larger, and the paths' order may change.
  const point = (await scatter.locator('svg path[transform^="matrix"]').nth(2).boundingBox())!;
  await page.mouse.move(point.x + point.width / 2, point.y + point.height / 2);
  const tooltip = scatter.locator(".bw-plot-tooltip");
  await expect(tooltip).toContainText("day: 2024-05-08");
  await expect(tooltip).toContainText("humidity (%): 71");
  await page.mouse.click(point.x + point.width / 2, point.y + point.height / 2);
  await expect(page.getByText("You picked 2024-05-08: 19.2 °C at 71 % humidity.")).toBeVisible();
});

test("the chart's option is editable JSON: each change redraws it, and a broken one says why", async ({ page, demo }) => {
  await page.goto(demo.url);
  const editor = page.getByRole("textbox", { name: "Chart option (ECharts JSON, editable)" });
  await editor.click();
  await page.keyboard.type('{"series": [{"type": "pie", "data": [{"name": "left", "value": 2}, {"name": "right", "value": 3}]}]');
  await expect(page.getByText(/The option is not valid JSON yet/)).toBeVisible();
  await page.keyboard.type("}");
  await expect(page.getByText("Chart drawn from the option above.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Report chart" }).locator("svg path")).not.toHaveCount(0);
  await page.setViewportSize({ width: 1100, height: 1500 });
  await page.getByRole("button", { name: "Summarise" }).click();
  await expect(page.getByRole("group", { name: "Summary" })).toContainText('"days": 7');
  await screenshotBothSchemes(page, "lab_notebook");
});
