import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "./fixtures/test.ts";
import { screenshotDemo } from "./fixtures/helpers.ts";

test.use({ demoName: "hello" });

test("'Use via API' lists the endpoints with a snippet per client; the curl snippet, run as shown, returns the answer", async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByRole("button", { name: "Use via API" }).click();
  const panel = page.getByRole("dialog", { name: "API" });
  const greet = panel.getByTestId("api-endpoint-greet");
  await expect(greet).toContainText("/greet");
  await expect(greet.getByRole("table")).toContainText(["name"]);
  await expect(greet.getByTestId("api-queue")).toContainText(/0 waiting · 0 running · limit 1/);
  await expect(greet.getByTestId("api-snippet")).toContainText('client.predict("greet", ["Hello!!"])');
  for (const [client, text] of [
    ["@gradio/client", 'client.predict("/greet", ["Hello!!"])'],
    ["Python (gradio_client)", 'api_name="/greet"'],
  ] as const) {
    await panel.getByRole("tab", { name: client }).click();
    await expect(greet.getByTestId("api-snippet")).toContainText(text);
  }
  await panel.getByRole("tab", { name: "curl" }).click();
  const curl = await greet.getByTestId("api-snippet").innerText();
  await screenshotDemo(page, "api_page");

  const { stdout } = await promisify(execFile)("sh", ["-c", curl], { timeout: 30_000 });
  expect(stdout).toBe('event: complete\ndata: ["Hello, Hello!!!"]\n\n');
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
});
