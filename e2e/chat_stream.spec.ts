import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "chat_stream" });

test("a message streams the reply into the Chatbot's last message, in the generating style, as Markdown", async ({ page, demo }) => {
  await page.goto(demo.url);
  // The streaming style lasts as long as the reply (about 2 s): on a loaded machine a polling assertion can start
  // after it is gone, so every state the page goes through is recorded as it happens.
  await page.evaluate(() => {
    const seen = { generating: false, streamingAssistant: false };
    (window as unknown as { streamSeen: typeof seen }).streamSeen = seen;
    new MutationObserver(() => {
      if (document.querySelector(".bw-block-chatbot.bw-generating")) seen.generating = true;
      if (document.querySelector('.bw-chat-streaming[data-role="assistant"]')) seen.streamingAssistant = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const box = page.getByLabel("Message");
  await box.fill("Hi there");
  await box.press("Enter");
  const messages = page.getByTestId("chat-message");
  await expect(messages.first()).toHaveAttribute("data-role", "user");
  await expect(messages.first()).toHaveText("Hi there");
  await expect(box).toHaveValue("");

  const reply = messages.nth(1);
  await expect(reply).toHaveAttribute("data-role", "assistant");
  await expect(reply).toHaveText("You said Hi there. Here is my answer, streamed one word at a time, with Markdown.");
  await expect(reply.locator("strong")).toHaveText("Hi there");
  await expect(reply.locator("em")).toHaveText("Markdown");
  await expect(page.locator(".bw-block-chatbot.bw-generating")).toHaveCount(0);
  await expect(reply).not.toHaveClass(/bw-chat-streaming/);
  // Partial results arrived while the handler streamed: the text grew in a pulsing block with a caret.
  expect(await page.evaluate(() => (window as unknown as { streamSeen: unknown }).streamSeen)).toEqual({ generating: true, streamingAssistant: true });

  await box.fill("Again");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(messages).toHaveCount(4);
  await expect(messages.nth(3)).toHaveText(/^You said Again\..*with Markdown\.$/);
  await expect(page.locator(".bw-block-chatbot.bw-generating")).toHaveCount(0);
  await screenshotDemo(page, "chat_stream");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(messages).toHaveCount(0);
});
