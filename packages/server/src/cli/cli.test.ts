import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { spawnCli, type RunningCli } from "../testing/spawn-cli.ts";

const bin = fileURLToPath(new URL("../../bin/blockwork.js", import.meta.url));
const demos = fileURLToPath(new URL("../../../../demos/", import.meta.url));

const running: RunningCli[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((run) => run.stop()));
});

async function serve(args: string[], env: Record<string, string> = {}): Promise<string> {
  const run = await spawnCli([process.execPath, bin, ...args], { env });
  running.push(run);
  return run.url;
}

describe("blockwork CLI", () => {
  test("run loads a TSX app with no tsconfig beside it and serves its config", async () => {
    const dir = mkdtempSync(join(tmpdir(), "blockwork-cli-"));
    const file = join(dir, "app.tsx");
    writeFileSync(
      file,
      `import { Blocks, Textbox } from "@blockwork/core";\nexport default <Blocks title="Outside">{Textbox({ label: "Hi" })}</Blocks>;\n`,
    );
    const url = await serve(["run", file, "--port", "0"]);
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
    await expect(spawnCli([process.execPath, bin, "run", file, "--port", "0"])).rejects.toThrow(
      /exited with 1 before serving:[\s\S]*config error: listener job \(click on button\): concurrencyLimit must be a positive integer or null/,
    );
  });

  test("a busy default port moves to the next free one; BLOCKWORK_HOST sets the host", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(7860, "127.0.0.1", () => resolve()));
    try {
      const url = await serve(["run", `${demos}hello/app.tsx`], { BLOCKWORK_HOST: "127.0.0.1", BLOCKWORK_PORT: "" });
      expect(Number(new URL(url).port)).toBeGreaterThan(7860);
    } finally {
      blocker.close();
    }
  });

  test("gallery serves every demo at /<name>/ with an index page", async () => {
    const url = await serve(["gallery", demos, "--port", "0"]);
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
