import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { startCli, type CliProcess } from "../testing/cli-process.ts";

const demos = fileURLToPath(new URL("../../../../demos/", import.meta.url));

type Run = CliProcess;
const runCli = startCli;

const running: Run[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) {
    run.kill();
    await run.exited;
  }
});

describe("blockwork CLI", () => {
  test("run loads a TSX app with no tsconfig beside it and serves its config", async () => {
    const dir = mkdtempSync(join(tmpdir(), "blockwork-cli-"));
    const file = join(dir, "app.tsx");
    writeFileSync(
      file,
      `import { Blocks, Textbox } from "@blockwork/core";\nexport default <Blocks title="Outside">{Textbox({ label: "Hi" })}</Blocks>;\n`,
    );
    const run = runCli(["run", file, "--port", "0"]);
    running.push(run);
    const url = await run.url;
    const config = (await (await fetch(`${url}config`)).json()) as { title: string };
    expect(config.title).toBe("Outside");
  });

  test("a config error prints the compile message and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "blockwork-cli-"));
    const file = join(dir, "app.tsx");
    writeFileSync(
      file,
      `import { Blocks, Button } from "@blockwork/core";\nexport default <Blocks><Button onClick={function job() {}} concurrencyLimit={0} /></Blocks>;\n`,
    );
    const run = runCli(["run", file, "--port", "0"]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/config error: listener job \(click on button\): concurrencyLimit must be a positive integer or null/);
  });

  test("a busy default port moves to the next free one; BLOCKWORK_HOST sets the host", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(7860, "127.0.0.1", () => resolve()));
    try {
      const run = runCli(["run", `${demos}hello/app.tsx`], { BLOCKWORK_HOST: "127.0.0.1", BLOCKWORK_PORT: "" });
      running.push(run);
      const url = await run.url;
      expect(Number(new URL(url).port)).toBeGreaterThan(7860);
    } finally {
      blocker.close();
    }
  });

  test("gallery serves every demo at /<name>/ with an index page", async () => {
    const run = runCli(["gallery", demos, "--port", "0"]);
    running.push(run);
    const url = await run.url;
    const index = await (await fetch(url)).text();
    for (const name of ["hello", "image_gen", "gpu_queue", "unlimited", "layout"]) {
      expect(index).toContain(`href="./${name}/"`);
      const config = (await (await fetch(`${url}${name}/config`)).json()) as { dependencies: unknown[] };
      expect(config.dependencies.length).toBeGreaterThan(0);
    }
    const redirect = await fetch(`${url}hello`, { redirect: "manual" });
    expect(redirect.status).toBeGreaterThanOrEqual(300);
    expect(redirect.headers.get("location")).toMatch(/\/hello\/$/);
  });
});
