import { encodePng } from "../demos/gallery/png.ts";
import config from "../playwright.config.ts";
import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

const launch = config.use!.launchOptions!;
test.use({
  demoName: "image_filter",
  // Chromium's fake camera (a test pattern), allowed without a prompt, for the webcam capture.
  launchOptions: { ...launch, args: [...(launch.args ?? []), "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"] },
  permissions: ["camera"],
});

/** A small real PNG (a colour gradient), so that the page can show it. */
const PHOTO = Buffer.from(encodePng(40, 30, (x, y) => [(x * 255) / 40, 80, (y * 255) / 30]));

/** Applies the filter and checks the result: a stored file, an SVG wrapping the photo with the colour matrix. */
async function applyAndCheck(page: import("@playwright/test").Page, info: RegExp): Promise<void> {
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByLabel("Info")).toHaveValue(info);
  const result = page.getByRole("group", { name: "Filtered" }).locator("img");
  await expect(result).toHaveAttribute("src", /\/files\/[0-9a-f]{32}$/);
  const svg = await (await page.request.get(new URL((await result.getAttribute("src"))!, page.url()).href)).text();
  expect(svg).toContain("feColorMatrix");
}

test("an image chosen with the file chooser comes back filtered", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.locator('input[type="file"]').setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PHOTO });
  await expect(page.getByRole("group", { name: "Photo" }).locator("img")).toHaveAttribute("src", /\/files\/[0-9a-f]{32}$/);
  await applyAndCheck(page, /^photo\.png: 40×30, \d+ bytes, grayscale$/);
  await screenshotDemo(page, "image_filter");
});

test("an example row fills the photo with a file the server put in its cache, and the filter; applying it works as an upload does", async ({ page, demo }) => {
  await page.goto(demo.url);
  const rows = page.getByTestId("example");
  await expect(rows.first().locator("img")).toHaveAttribute("alt", "sunset.png");
  await rows.nth(1).click();
  await expect(page.getByRole("group", { name: "Photo" }).locator("img")).toHaveAttribute("src", /\/files\/[0-9a-f]{32}$/);
  await expect(page.getByLabel("invert")).toBeChecked();
  await applyAndCheck(page, /^stripes\.png: 160×120, \d+ bytes, invert$/);
  await screenshotDemo(page, "image_filter_example");
});

test("an image dropped (a synthetic DataTransfer) or pasted is uploaded too", async ({ page, demo }) => {
  await page.goto(demo.url);
  const frame = page.getByRole("group", { name: "Photo" });
  const transfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "dropped.png", { type: "image/png" }));
    return dt;
  }, [...PHOTO]);
  await frame.dispatchEvent("dragover", { dataTransfer: transfer });
  await frame.dispatchEvent("drop", { dataTransfer: transfer });
  await page.getByLabel("invert").check();
  await applyAndCheck(page, /^dropped\.png: 40×30, \d+ bytes, invert$/);

  await frame.evaluate((element, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "pasted.png", { type: "image/png" }));
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [...PHOTO]);
  await applyAndCheck(page, /^pasted\.png: 40×30, \d+ bytes, invert$/);
});

test("a webcam capture (Chromium's fake camera) is uploaded and filtered", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByRole("button", { name: "Webcam" }).click();
  const preview = page.getByLabel("Camera preview");
  await expect.poll(() => preview.evaluate((video: HTMLVideoElement) => video.videoWidth)).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Capture" }).click();
  await expect(page.getByRole("group", { name: "Photo" }).locator("img")).toHaveAttribute("src", /\/files\/[0-9a-f]{32}$/);
  await applyAndCheck(page, /^webcam-\d+\.png: \d+×\d+, \d+ bytes, grayscale$/);
  await screenshotDemo(page, "image_filter_webcam");
});
