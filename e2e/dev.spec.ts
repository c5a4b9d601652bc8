import { expect, test, type Page } from "@playwright/test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnCli, type RunningCli } from "@blockwork/server";
import { screenshotDemo } from "./fixtures/helpers.ts";

const cli = fileURLToPath(new URL("../packages/server/bin/blockwork.js", import.meta.url));

/**
 * The app as the user edits it: a counter kept in State (outside the queue, so the test gates don't hold it) and
 * a slow listener with a queue of one (held at the gate until the test releases it).
 */
function appSource(version: { readonly countLabel: string; readonly made: string; readonly double?: boolean }): string {
  return `import { Blocks, Button, listener, State, Textbox } from "@blockwork/core";
const clicks = State(0);
const count = Textbox({ label: ${JSON.stringify(version.countLabel)} });
const prompt = Textbox({ label: "Prompt" });
const result = Textbox({ label: "Result" });
const add = listener((n: number) => [n + 1, "count: " + (n + 1)] as const, { inputs: [clicks], outputs: [clicks, count], queue: false, apiName: "add" });
${version.double ? `const double = listener((n: number) => [n * 2, "count: " + n * 2] as const, { inputs: [clicks], outputs: [clicks, count], queue: false, apiName: "double" });` : ""}
const make = listener((p: string) => ${JSON.stringify(version.made)} + p, { inputs: [prompt], outputs: [result], concurrencyLimit: 1, apiName: "make" });
export default (
  <Blocks title="Dev">
    {count}
    <Button onClick={add}>Add</Button>
    ${version.double ? `<Button onClick={double}>Double</Button>` : ""}
    {prompt}
    {result}
    <Button onClick={make}>Make</Button>
  </Blocks>
);
`;
}

let dir: string;
let file: string;
let server: RunningCli;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "blockwork-dev-"));
  file = join(dir, "app.tsx");
  writeFileSync(file, appSource({ countLabel: "Count", made: "v1 made " }));
  server = await spawnCli([process.execPath, cli, "dev", file, "--port", "0", "--host", "127.0.0.1"], { env: { BLOCKWORK_TEST_GATES: "1" } });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) =>
  fetch(new URL(path, server.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const held = async (): Promise<number> => ((await (await fetch(new URL("__test/record", server.url))).json()) as { held: number }).held;

async function make(page: Page, prompt: string): Promise<void> {
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByRole("button", { name: "Make" }).click();
}

test("an edited app swaps into the open page: new label and listener, State kept, queued jobs carried across, compile errors shown until fixed", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const other = await (await browser.newContext()).newPage();
  await page.goto(server.url);
  await other.goto(server.url);
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByLabel("Count")).toHaveValue("count: 1");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByLabel("Count")).toHaveValue("count: 2");

  // One job runs (held at the gate), one waits behind it, when the file changes.
  await make(page, "a lighthouse");
  await expect(page.getByTestId("status")).toHaveText(/^processing/);
  await expect.poll(held).toBe(1);
  await make(other, "a harbour");
  await expect(other.getByTestId("status")).toHaveText(/^queue: 1\/1/);

  writeFileSync(file, appSource({ countLabel: "Clicks", made: "v2 made ", double: true }));
  await expect(page.getByLabel("Clicks")).toBeVisible();
  await expect(other.getByLabel("Clicks")).toBeVisible();
  // The session's State survived the swap, and the new listener works on it.
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByLabel("Clicks")).toHaveValue("count: 3");
  await page.getByRole("button", { name: "Double" }).click();
  await expect(page.getByLabel("Clicks")).toHaveValue("count: 6");

  // The running job finishes on the handler it started with; the waiting one kept its place and runs the new one.
  await expect(other.getByTestId("status")).toHaveText(/^queue: 1\/1/);
  await post("__test/release", { count: 1 });
  await expect(page.getByLabel("Result")).toHaveValue("v1 made a lighthouse");
  await expect.poll(held).toBe(1);
  await post("__test/release", { count: 1 });
  await expect(other.getByLabel("Result")).toHaveValue("v2 made a harbour");

  // A broken edit: the page and the terminal say why, and the previous version keeps serving.
  writeFileSync(file, appSource({ countLabel: "Clicks", made: "v3 made ", double: true }).replace("export default (", "export default ((("));
  await expect(page.getByTestId("dev-error")).toContainText("app.tsx");
  await expect.poll(() => server.output()).toMatch(/app\.tsx failed to load; the previous version keeps serving/);
  await screenshotDemo(page, "dev-error");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByLabel("Clicks")).toHaveValue("count: 7");

  writeFileSync(file, appSource({ countLabel: "Total", made: "v4 made ", double: true }));
  await expect(page.getByTestId("dev-error")).toHaveCount(0);
  await expect(page.getByLabel("Total")).toHaveValue("count: 7");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByLabel("Total")).toHaveValue("count: 8");
  await screenshotDemo(page, "dev");
  for (const p of [page, other]) await p.context().close();
});
