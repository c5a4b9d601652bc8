import { expect, test } from "./app-fixture.ts";

test("shouting the text puts it in capitals in the result", async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByLabel("Text").fill("hello queue");
  await page.getByRole("button", { name: "Shout" }).click();
  await expect(page.getByLabel("Result")).toHaveValue("HELLO QUEUE!");
});
