import { lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnCli } from "@blockwork/server";
import { packPublishable, removeTempDirs, run, tempDir } from "../../../packages/blockwork/test/installed-project.ts";
import { check } from "../check.ts";
import { now } from "../clock.ts";
import { percentiles } from "../stats/percentiles.ts";
import { kib, mib, ms, type ResultRow } from "../table.ts";
import type { BenchContext } from "./context.ts";

const SCENARIO = "6 installed package";
const APP = `import { Blocks, Button, Textbox } from "blockwork";
const name = Textbox({ label: "Name" });
const greeting = Textbox({ label: "Greeting" });
export default (
  <Blocks title="Cold start">
    {name}
    <Button onClick={(who: string) => \`Hello, \${who}!\`} inputs={[name]} outputs={[greeting]}>Greet</Button>
    {greeting}
  </Blocks>
);
`;
// The reference: Node's own HTTP server, answering the same route, printing its URL the way the CLI does.
const BARE = `require("node:http").createServer((req, res) => res.end("{}")).listen(0, "127.0.0.1", function () {
  console.log("running at http://127.0.0.1:" + this.address().port + "/");
});`;

/**
 * Scenario 6 (issue 10): `blockwork` packed and installed by npm in a fresh folder: its installed size with its
 * dependencies, and `blockwork run app.tsx`'s cold start (process spawn to the first `config` response) against a
 * bare node:http server's spawn to first response, alternated run by run so that both see the same machine.
 */
export async function installedPackageScenario(context: BenchContext): Promise<ResultRow[]> {
  try {
    return await measureInstalledPackage(context);
  } finally {
    removeTempDirs();
  }
}

async function measureInstalledPackage(context: BenchContext): Promise<ResultRow[]> {
  const root = tempDir("blockwork-bench-");
  context.log("6 installed package: packing and installing with npm");
  const { blockwork: tarball } = await packPublishable(join(root, "tarballs"));
  const project = join(root, "app");
  await run(["mkdir", project], root);
  await run(["npm", "init", "-y"], project);
  await run(["npm", "install", tarball], project);
  writeFileSync(join(project, "app.tsx"), APP);
  const modules = join(project, "node_modules");
  const packages = Object.keys((JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as { packages: object }).packages).length - 1;

  const { runs } = context.sizes.packageStart;
  context.log(`6 installed package: ${runs} cold starts each of blockwork run and a bare node:http server`);
  const bin = join(modules, "blockwork/bin/blockwork.js");
  const blockworkTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    blockworkTimes.push(await coldStart([process.execPath, bin, "run", "app.tsx", "--port", "0"], project, "Cold start"));
    bareTimes.push(await coldStart([process.execPath, "-e", BARE], project, null));
  }
  const blockworkStart = percentiles(blockworkTimes)!;
  const bareStart = percentiles(bareTimes)!;
  return [
    {
      scenario: SCENARIO,
      clients: 0,
      ideal: null,
      achieved: null,
      unit: "",
      latency: null,
      serverCpuS: null,
      serverPeakRss: null,
      errors: 0,
      figures: [
        `installed size ${mib(treeBytes(modules))} in node_modules (blockwork and ${packages - 1} dependencies; blockwork itself ${mib(treeBytes(join(modules, "blockwork")))}, tarball ${kib(statSync(tarball).size)})`,
        `cold start to first config p50/max ${ms(blockworkStart.p50)} / ${ms(blockworkStart.max)} ms vs bare node:http start to first response ${ms(bareStart.p50)} / ${ms(bareStart.max)} ms: ${(blockworkStart.p50 / bareStart.p50).toFixed(1)}× (p50), ${runs} runs each`,
      ],
    },
  ];
}

/** Spawn to the first complete `config` response, in ms; checks the body when it is the app's (`title`). */
async function coldStart(command: [string, ...string[]], cwd: string, title: string | null): Promise<number> {
  const started = now();
  const server = await spawnCli(command, { cwd });
  try {
    const body = await (await fetch(`${server.url}config`)).text();
    const elapsed = now() - started;
    if (title !== null) check((JSON.parse(body) as { title?: unknown }).title === title, `installed package: config of ${server.url} is not the app's`);
    return elapsed;
  } finally {
    await server.stop();
  }
}

/** Bytes of every file under `dir` (apparent sizes, symlinks not followed): what an install writes. */
function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += lstatSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}
