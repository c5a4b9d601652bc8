/**
 * Must-show 1 and 2 of issue 10: the packed packages, installed by plain npm in a folder outside the repository,
 * work as the README's "Your first app" says, verbatim but for where `blockwork` is installed from.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnCli, type RunningCli } from "@blockwork/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { packPublishable, removeTempDirs, REPO, run, tempDir, type Tarballs } from "./installed-project.ts";

/** The README section's code blocks by language, in order. */
function firstAppSection(): Record<string, string[]> {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const section = /\n## Your first app\n([^]*?)\n## /.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Your first app" section');
  const blocks: Record<string, string[]> = {};
  for (const [, lang, body] of section.matchAll(/```(\w+)\n([^]*?)```/g)) (blocks[lang!] ??= []).push(body!);
  return blocks;
}

/** A README shell block as commands: one per line, comments dropped. */
const commands = (block: string): string[][] =>
  block
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line !== "")
    .map((line) => line.split(/\s+/));

const readme = firstAppSection();
let tarballs: Tarballs;
let project: string;
let served: RunningCli | undefined;

beforeAll(async () => {
  const root = tempDir("blockwork-installed-");
  tarballs = await packPublishable(join(root, "tarballs"));
  project = join(root, "my-app");
  await run(["mkdir", project], root);
  // The README's setup, with the local tarball standing in for the registry's `blockwork`.
  const [setup, serve, devSetup] = readme.sh!;
  expect(commands(setup!)).toEqual([["npm", "init", "-y"], ["npm", "install", "blockwork"]]);
  expect(commands(serve!)).toEqual([["npx", "blockwork", "run", "app.tsx"]]);
  expect(commands(devSetup!)).toEqual([["npm", "install", "-D", "typescript", "@types/node"]]);
  for (const command of [...commands(setup!), ...commands(devSetup!)]) {
    await run(command.map((word) => (word === "blockwork" ? tarballs.blockwork : word)) as [string, ...string[]], project);
  }
  writeFileSync(join(project, "app.tsx"), readme.tsx![0]!);
  writeFileSync(join(project, "tsconfig.json"), readme.json![0]!);
}, 240_000);

afterAll(async () => {
  await served?.stop();
  removeTempDirs();
});

describe("blockwork installed from its tarball by npm", () => {
  test("its manifest and the install name no internal @blockwork/* package", () => {
    const manifest = readFileSync(join(project, "node_modules/blockwork/package.json"), "utf8");
    expect(manifest).not.toContain("@blockwork/");
    const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((path) => path.includes("@blockwork/"))).toEqual([]);
    expect(existsSync(join(project, "node_modules/blockwork/ui-dist/index.html"))).toBe(true);
  });

  test("blockwork/client reaches no server code", () => {
    const dist = join(project, "node_modules/blockwork/dist");
    const seen = new Set<string>();
    const imports: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, specifier] of readFileSync(join(dist, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        if (specifier!.startsWith("./")) visit(specifier!.slice(2));
        else imports.push(specifier!);
      }
    };
    visit("client.js");
    // handleFile reads a path only under Node, through a dynamic import of Node's own modules: no server code.
    expect(imports.filter((specifier) => !specifier.startsWith("node:")).sort()).toEqual(["socket.io-client"]);
    expect(imports.filter((specifier) => specifier.startsWith("node:")).every((specifier) => ["node:fs", "node:path", "node:fs/promises"].includes(specifier))).toBe(true);
  });

  test("`npx blockwork run app.tsx` serves the README's app, and the Client from blockwork calls it", async () => {
    // BLOCKWORK_PORT=0: a free port, so that the command itself stays the README's.
    served = await spawnCli(["npx", "blockwork", "run", "app.tsx"], {
      cwd: project,
      env: { BLOCKWORK_PORT: "0" },
      timeoutMs: 60_000,
      processGroup: true,
    });
    expect(served.output()).not.toContain("at once"); // the listener table is for terminals only
    writeFileSync(
      join(project, "call.mjs"),
      [
        'import { Client } from "blockwork";',
        'import { Client as ClientAlone } from "blockwork/client";',
        "const client = await Client.connect(process.argv[2]);",
        'const [image] = await client.predict("imageGen", ["a lighthouse"]);',
        "client.close();",
        "const svg = await (await fetch(new URL(image.url, process.argv[2]))).text();",
        "console.log(JSON.stringify({ image, svg, sameClass: Client === ClientAlone }));",
      ].join("\n"),
    );
    const answer = JSON.parse(await run(["node", "call.mjs", served.url], project)) as { image: { url: string; mimeType: string }; svg: string; sameClass: boolean };
    // The handler's data: URI is stored as a file: the client gets its file value, and the file is the picture.
    expect(answer.image).toMatchObject({ url: expect.stringMatching(/^files\/[0-9a-f]{32}$/), mimeType: "image/svg+xml" });
    expect(answer.svg).toMatch(/^<svg .*>a lighthouse<\/text><\/svg>$/);
    expect(answer.sameClass).toBe(true);
    await served.stop();
  }, 120_000);

  test("`npx blockwork dev` swaps in a saved edit of the app without a restart", async () => {
    const app = readFileSync(join(project, "app.tsx"), "utf8");
    writeFileSync(join(project, "dev-app.tsx"), app);
    const dev = await spawnCli(["npx", "blockwork", "dev", "dev-app.tsx", "--port", "0"], { cwd: project, timeoutMs: 60_000, processGroup: true });
    try {
      const title = async (): Promise<string> => ((await (await fetch(new URL("config", dev.url))).json()) as { title: string }).title;
      expect(await title()).toBe("Image generator");
      writeFileSync(join(project, "dev-app.tsx"), app.replace('title="Image generator"', 'title="Image generator, edited"'));
      await expect.poll(title, { timeout: 30_000 }).toBe("Image generator, edited");
      expect(dev.output()).toMatch(/reloaded dev-app\.tsx in \d+ ms/);
    } finally {
      await dev.stop();
    }
  }, 120_000);

  test("tsc checks the app with the README's tsconfig, and a mis-wired handler fails it", async () => {
    await run(["npx", "tsc"], project);
    const app = readFileSync(join(project, "app.tsx"), "utf8");
    writeFileSync(join(project, "miswired.tsx"), app.replace("async function imageGen(text: string)", "async function imageGen(text: number)"));
    const failure = await run(["npx", "tsc"], project).then(() => null, (error: Error) => error.message);
    expect(failure).toMatch(/miswired\.tsx\(\d+,\d+\): error TS2322: Type '\(text: number\) => Promise<string>' is not assignable/);
  }, 120_000);
});

// Every template create-blockwork offers: its folders under templates/, but for the files they all share.
const TEMPLATES = readdirSync(join(REPO, "packages/create-blockwork/templates")).filter((name) => name !== "shared");

describe("create-blockwork from its tarball", () => {
  test.each(TEMPLATES)("--template %s scaffolds a project whose own typecheck and Playwright test pass", async (template) => {
    const root = tempDir("create-blockwork-");
    const create = ["npm", "exec", "--yes", `--package=${tarballs["create-blockwork"]}`, "--", "create-blockwork"] as const;
    await run([...create, "scaffolded", "--template", template, "--blockwork", `file:${tarballs.blockwork}`], root);
    const app = join(root, "scaffolded");
    await run(["npm", "install"], app);
    await run(["npm", "run", "typecheck"], app);
    expect(await run(["npm", "test"], app)).toMatch(/\b1 passed\b/);
  }, 240_000);
});
