import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "login" });

test("the login page comes first; a wrong password says so; after logging in the app works", async ({ page, demo }) => {
  await page.goto(demo.url);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Private notes" })).toBeVisible();
  await screenshotDemo(page, "login-form");

  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Incorrect username or password.");
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("blockwork");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(`^${demo.url}$`));
  await page.getByLabel("Note").fill("top secret");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Saved")).toHaveValue(/^Saved for session [0-9a-f]{8}: top secret$/);
  await screenshotDemo(page, "login");

  // The cookie is the browser's alone: script can't read it, and another tab without it gets the form.
  expect(await page.evaluate(() => document.cookie)).toBe("");
  const stranger = await (await page.context().browser()!.newContext()).newPage();
  await stranger.goto(demo.url);
  await expect(stranger).toHaveURL(/\/login$/);
  await stranger.context().close();
});
