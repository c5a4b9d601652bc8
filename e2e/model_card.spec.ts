import { screenshotBothSchemes } from "./fixtures/helpers.ts";
import { expect, test } from "./fixtures/test.ts";

test.use({ demoName: "model_card" });

test("the card's Markdown has its table, highlighted code, LaTeX and task list; the HTML block its badges", async ({ page, demo }) => {
  await page.goto(demo.url);
  const card = page.locator(".bw-prose[data-rendered]").first();
  await expect(card.getByRole("heading", { name: "Tiny-NER v2" })).toBeVisible();
  const table = card.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("columnheader", { name: "Recall" })).toHaveAttribute("align", "right");
  await expect(table.getByRole("cell", { name: "0.897" })).toHaveCount(2);
  // KaTeX: the F₁ in the header, P and R inline, and the formula (a display, whose .katex is inside it).
  await expect(card.locator(".katex")).toHaveCount(4);
  await expect(card.locator(".katex-display")).toHaveCount(1);
  await expect(card.locator(".katex-display math mfrac")).toHaveCount(1);
  await expect(card.locator("code.language-python .hljs-keyword").first()).toHaveText("from");
  await expect(card.getByRole("checkbox")).toHaveCount(3);
  await expect(card.getByRole("checkbox", { checked: true })).toHaveCount(2);
  await expect(card.locator("del")).toHaveText("200k");
  await expect(card.getByRole("link", { name: "the paper" })).toHaveAttribute("target", "_blank");

  await expect(page.locator(".bw-html").getByText("licence: Apache-2.0")).toBeVisible();
  await expect(page.locator(".bw-html").getByRole("link", { name: "Files and versions →" })).toHaveAttribute("rel", "noopener noreferrer");
});

test("the copy button puts the snippet on the clipboard", async ({ page, context, demo }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(demo.url);
  const snippet = page.getByTestId(/^component-/).filter({ hasText: "Try it from the command line" });
  await expect(snippet.locator(".cm-content")).toContainText("npm install tiny-ner");
  await snippet.getByRole("button", { name: "Copy" }).click();
  await expect(snippet.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('npm install tiny-ner\nnpx tiny-ner tag "Grace Hopper joined the Navy in New York."');
  // Read-only (`interactive: false`): typing changes nothing.
  await snippet.locator(".cm-content").click();
  await page.keyboard.type("rm -rf /");
  await expect(snippet.locator(".cm-content")).not.toContainText("rm -rf");
});

test("tagging a sentence shows its entities highlighted, each label in its colour", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByLabel("Sentence").fill("Ada Lovelace met Charles Babbage in London, at the Royal Society.");
  await page.getByRole("button", { name: "Tag entities" }).click();
  const entities = page.getByRole("group", { name: "Entities" });
  await expect(entities.locator('mark[data-label="PER"]')).toHaveText(["Ada LovelacePER", "Charles BabbagePER"]);
  await expect(entities.locator('mark[data-label="LOC"]')).toHaveText(["LondonLOC"]);
  await expect(entities.locator('mark[data-label="ORG"]')).toHaveText(["the Royal SocietyORG"]);
  await expect(page.getByRole("list", { name: "Labels" }).getByRole("listitem")).toHaveText(["PER", "LOC", "ORG"]);
  await page.setViewportSize({ width: 1100, height: 1500 });
  await screenshotBothSchemes(page, "model_card");
});
