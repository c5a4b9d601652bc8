import { readFile } from "node:fs/promises";
import { encodePng } from "../demos/gallery/png.ts";
import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "gallery" });

test("generated images fill the Gallery; a click opens the preview and its select reaches the handler with the index", async ({ page, demo }) => {
  await page.goto(demo.url);
  const gallery = page.getByRole("group", { name: "Generated images" });
  await expect(gallery.getByText("No images")).toBeVisible();
  await expect(page.getByRole("button", { name: "Download manifest" })).toBeDisabled();
  await page.getByRole("button", { name: "Generate" }).click();
  const thumbs = gallery.getByRole("button", { name: /^hills at dusk #\d$/ });
  await expect(thumbs).toHaveCount(6);
  // Each image is a PNG the server stored and serves: the browser decoded it.
  await expect.poll(() => gallery.locator("img").evaluateAll((imgs) => imgs.filter((img) => (img as HTMLImageElement).naturalWidth === 160).length)).toBe(6);
  await screenshotDemo(page, "gallery");

  await thumbs.nth(2).click();
  await expect(page.getByLabel("Status")).toHaveValue("You picked index 2: hills at dusk #3");
  const preview = gallery.getByRole("region", { name: "Image preview" });
  await expect(preview.getByText("3 / 6")).toBeVisible();
  await expect(preview.locator(".bw-gallery-stage img")).toHaveAttribute("alt", "hills at dusk #3");
  await screenshotDemo(page, "gallery_preview");

  // The arrow keys move through the images (each move is a select too); Escape goes back to the grid.
  await page.keyboard.press("ArrowRight");
  await expect(preview.getByText("4 / 6")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("You picked index 3: hills at dusk #4");
  await preview.getByRole("button", { name: "Previous image" }).click();
  await preview.getByRole("button", { name: "Previous image" }).click();
  await expect(page.getByLabel("Status")).toHaveValue("You picked index 1: hills at dusk #2");
  await page.keyboard.press("Escape");
  await expect(preview).toHaveCount(0);
  await expect(thumbs).toHaveCount(6);
});

test("images uploaded with the UploadButton join the Gallery, and the DownloadButton gives the generated manifest", async ({ page, demo }) => {
  await page.goto(demo.url);
  const gallery = page.getByRole("group", { name: "Generated images" });
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(gallery.getByRole("button", { name: /^hills at dusk #\d$/ })).toHaveCount(6);

  // The progress bar lasts as long as the upload: a MutationObserver records it, however short.
  await page.evaluate(() => {
    (window as unknown as { progressSeen: boolean }).progressSeen = false;
    new MutationObserver(() => {
      if (document.querySelector(".bw-block-uploadbutton progress")) (window as unknown as { progressSeen: boolean }).progressSeen = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  const blue = Buffer.from(encodePng(40, 30, () => [40, 90, 220]));
  await page.getByLabel("Add your own images").setInputFiles([
    { name: "blue.png", mimeType: "image/png", buffer: blue },
    { name: "green.png", mimeType: "image/png", buffer: Buffer.from(encodePng(30, 30, () => [30, 180, 90])) },
  ]);
  await expect(gallery.getByRole("button", { name: "blue.png" })).toBeVisible();
  await expect(gallery.getByRole("button", { name: "green.png" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { progressSeen: boolean }).progressSeen)).toBe(true);
  await gallery.getByRole("button", { name: "green.png" }).click();
  await expect(page.getByLabel("Status")).toHaveValue("You picked index 7: green.png");
  await page.keyboard.press("Escape");

  // The manifest follows the Gallery's value (a change listener with the Gallery as input): all 8 images.
  const download = page.getByRole("link", { name: "Download manifest" });
  await expect(download).toBeVisible();
  const downloading = page.waitForEvent("download");
  await download.click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe("gallery-manifest.txt");
  const lines = (await readFile((await file.path())!, "utf8")).trimEnd().split("\n");
  expect(lines).toHaveLength(9);
  expect(lines[0]).toBe("index\tcaption\timage");
  expect(lines[1]).toMatch(/^0\thills at dusk #1\tfile\.png, \d+ bytes, image\/png$/);
  expect(lines[7]).toBe(`6\tblue.png\tblue.png, ${blue.length} bytes, image/png`);
  expect(lines[8]).toMatch(/^7\tgreen\.png\tgreen\.png, \d+ bytes, image\/png$/);
  // The click that downloads also fires the DownloadButton's click listener.
  await expect(page.getByLabel("Status")).toHaveValue("Downloaded the manifest of 8 images");
  await screenshotDemo(page, "gallery_uploaded");
});

test("a file that is not an image is refused by the UploadButton in the page, before any upload", async ({ page, demo }) => {
  await page.goto(demo.url);
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/upload")) uploads.push(request.url());
  });
  await page.getByLabel("Add your own images").setInputFiles([{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hi") }]);
  await expect(page.getByRole("alert")).toHaveText("notes.txt is not one of the accepted types (image/*).");
  expect(uploads).toEqual([]);
});
