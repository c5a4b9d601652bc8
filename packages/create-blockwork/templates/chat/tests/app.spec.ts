import { expect, test } from "./app-fixture.ts";

test("a message gets a streamed reply", async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByLabel("Message").fill("hi");
  await page.getByLabel("Message").press("Enter");
  const messages = page.getByTestId("chat-message");
  await expect(messages.first()).toHaveText("hi");
  await expect(messages.nth(1)).toHaveText("You said hi.");
});
