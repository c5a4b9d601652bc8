import type { Page } from "@playwright/test";
import { screenshotBothSchemes } from "./fixtures/helpers.ts";
import { expect, test } from "./fixtures/test.ts";

test.use({ demoName: "untrusted_content" });

declare global {
  interface Window {
    /** What the demo's attempts would call if any of them ran. */
    __xss(what: string): void;
    __ran: string[];
  }
}

/** What in the app's part of the page could run code: it must all be absent. */
async function runnable(page: Page) {
  return page.evaluate(() => {
    const root = document.getElementById("root")!;
    const all = [...root.querySelectorAll("*")];
    const urls = all.flatMap((el) => ["href", "src", "xlink:href", "action", "formaction"].map((name) => el.getAttribute(name) ?? ""));
    return {
      scripts: root.querySelectorAll("script").length,
      frames: root.querySelectorAll("iframe, object, embed").length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName} ${a.name}`)),
      scriptUrls: urls.filter((url) => /^\s*(javascript|vbscript|data:text\/html)/i.test(url)),
    };
  });
}

const NOTHING = { scripts: 0, frames: 0, handlers: [], scriptUrls: [] };

test("script tags, event handlers, javascript: links and SVG payloads stay inert, as initial values and as a handler's output", async ({ page, demo }) => {
  await page.addInitScript(() => {
    window.__ran = [];
    window.__xss = (what) => window.__ran.push(what);
  });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(demo.url);
  const markdown = page.getByRole("group", { name: /^Markdown/ });

  // The initial values: every renderer has drawn them (Markdown and HTML once DOMPurify has loaded).
  await expect(markdown.getByRole("heading", { name: "Untrusted Markdown (initial)" })).toBeVisible();
  await expect(page.getByRole("log").getByRole("heading", { name: "Untrusted Markdown (initial)" })).toBeVisible();
  await expect(page.locator(".bw-html[aria-busy=false]")).toBeVisible();
  await expect(page.getByRole("gridcell", { name: '<script>window.__xss("initial script")</script>' })).toBeVisible();
  await expect(page.getByRole("img", { name: /BarPlot/ }).locator("svg")).toBeVisible();
  // Labels and cells show the attempts as text.
  await expect(page.getByText(`Dataframe <img src=x onerror="window.__xss('label Dataframe')">`)).toBeVisible();
  await page.getByRole("img", { name: /BarPlot/ }).hover();
  await expect(page.locator(".bw-plot-tooltip")).toContainText(`group: <svg onload="window.__xss('initial series')">`);
  expect(await runnable(page)).toEqual(NOTHING);

  await page.getByRole("button", { name: "Show a handler's output" }).click();
  await expect(markdown.getByRole("heading", { name: "Untrusted Markdown (output)" })).toBeVisible();
  await expect(page.getByRole("log").getByRole("heading", { name: "Untrusted Markdown (output)" })).toBeVisible();
  await expect(page.getByRole("gridcell", { name: '<script>window.__xss("output script")</script>' })).toBeVisible();
  await expect(page.getByText("Markdown (from a handler)", { exact: false })).toBeVisible();
  await expect(page.getByLabel(/^Textbox/)).toHaveValue(/output svg onload/);
  await page.locator(".bw-highlighted mark").first().hover();
  await page.getByRole("img", { name: /BarPlot/ }).hover({ position: { x: 60, y: 120 } });
  expect(await runnable(page)).toEqual(NOTHING);

  await screenshotBothSchemes(page, "untrusted_content");
  expect(await page.evaluate(() => window.__ran)).toEqual([]);
  expect(dialogs).toEqual([]);
});
