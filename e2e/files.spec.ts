import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "files" });

test("two files chosen for a multiple FileBox upload with progress and come back processed, each downloadable", async ({ page, demo }) => {
  await page.goto(demo.url);
  const zone = page.getByRole("group", { name: "Text files" });
  // The progress bar lasts as long as the upload: a MutationObserver records it, however short.
  await page.evaluate(() => {
    (window as unknown as { progressSeen: boolean }).progressSeen = false;
    new MutationObserver(() => {
      if (document.querySelector("progress.bw-upload-progress")) (window as unknown as { progressSeen: boolean }).progressSeen = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.locator('input[type="file"]').setInputFiles([
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello there") },
    { name: "list.md", mimeType: "text/markdown", buffer: Buffer.from("- milk\n- eggs") },
  ]);
  await expect(zone.getByRole("link")).toHaveText(["notes.txt", "list.md"]);
  expect(await page.evaluate(() => (window as unknown as { progressSeen: boolean }).progressSeen)).toBe(true);
  await page.getByRole("button", { name: "Shout" }).click();
  await expect(page.getByLabel("Summary")).toHaveValue("2 files, 24 bytes: notes.txt, list.md");
  const results = page.getByRole("group", { name: "Shouted files" }).getByRole("link");
  await expect(results).toHaveText(["notes.shouted.txt", "list.shouted.md"]);
  const downloading = page.waitForEvent("download");
  await results.first().click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("notes.shouted.txt");
  expect(await readFile((await download.path())!, "utf8")).toBe("HELLO THERE");
  await screenshotDemo(page, "files");
});

test("files dropped on the drop zone (a synthetic DataTransfer) are uploaded too", async ({ page, demo }) => {
  await page.goto(demo.url);
  const zone = page.getByRole("group", { name: "Text files" });
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["dropped one"], "one.txt", { type: "text/plain" }));
    transfer.items.add(new File(["a,b"], "two.csv", { type: "text/csv" }));
    return transfer;
  });
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
  await expect(zone.getByRole("link")).toHaveText(["one.txt", "two.csv"]);
  await page.getByRole("button", { name: "Shout" }).click();
  await expect(page.getByRole("group", { name: "Shouted files" }).getByRole("link")).toHaveText(["one.shouted.txt", "two.shouted.csv"]);
});

test("a file of a type the FileBox doesn't take is refused in the page, before any upload", async ({ page, demo }) => {
  await page.goto(demo.url);
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/upload")) uploads.push(request.url());
  });
  await page.locator('input[type="file"]').setInputFiles([{ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("png") }]);
  await expect(page.getByRole("alert")).toHaveText("photo.png is not one of the accepted types (.txt, .md, .csv).");
  expect(uploads).toEqual([]);
  await screenshotDemo(page, "files_refused");
});
