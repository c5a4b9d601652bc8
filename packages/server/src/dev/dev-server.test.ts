import type { AppConfig, AppNotice } from "@blockwork/core";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { register } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { io } from "socket.io-client";
import { afterEach, beforeEach, expect, test } from "vitest";
import { startDevServer, type DevServer } from "./dev-server.ts";

const tsconfig = fileURLToPath(new URL("../../app-tsconfig.json", import.meta.url));
// As the CLI does: app files in a folder with no package.json load as ES modules.
register(new URL("../../bin/force-esm-hook.js", import.meta.url));

let dir: string;
let dev: DevServer | null = null;
/** Lines the server printed, and a way to wait for the next one that matches. */
let lines: string[] = [];
let waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];

function print(line: string): void {
  lines.push(line);
  for (const waiter of waiters.filter((w) => w.pattern.test(line))) waiter.resolve(line);
  waiters = waiters.filter((w) => !w.pattern.test(line));
}

function printed(pattern: RegExp): Promise<string> {
  return new Promise((resolve) => waiters.push({ pattern, resolve }));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "blockwork-dev-server-"));
  lines = [];
  waiters = [];
});

afterEach(async () => {
  await dev?.close();
  dev = null;
  rmSync(dir, { recursive: true, force: true });
});

const app = (title: string): string => `import { Blocks } from "@blockwork/core";
import { subtitle } from "./subtitle.ts";
export default <Blocks title={${JSON.stringify(title)} + subtitle}>{"hello"}</Blocks>;
`;

function start(): DevServer {
  dev = startDevServer({ file: join(dir, "app.tsx"), port: 0, host: "127.0.0.1", tsconfig, log: print, warn: print });
  return dev;
}

async function title(url: string): Promise<string> {
  return ((await (await fetch(new URL("config", url))).json()) as AppConfig).title;
}

test("an app that fails to load at start is served as soon as an edit fixes it", async () => {
  writeFileSync(join(dir, "subtitle.ts"), `export const subtitle = ;`);
  writeFileSync(join(dir, "app.tsx"), app("First"));
  const { served } = start();
  expect(await printed(/failed to load; waiting for an edit/)).toMatch(/subtitle\.ts/);

  writeFileSync(join(dir, "subtitle.ts"), `export const subtitle = " (fixed)";`);
  expect(await title((await served).url)).toBe("First (fixed)");
});

test("an edit to an imported file swaps the app and tells open connections; a broken edit keeps the last good version", async () => {
  writeFileSync(join(dir, "subtitle.ts"), `export const subtitle = "";`);
  writeFileSync(join(dir, "app.tsx"), app("Mine"));
  const { url } = await start().served;
  const socket = io(url, { transports: ["websocket"] });
  const notices: AppNotice[] = [];
  let noticed: (() => void) | null = null;
  socket.on("app", (notice: AppNotice) => {
    notices.push(notice);
    noticed?.();
  });
  const nextNotice = () => new Promise<void>((resolve) => (noticed = resolve));
  await new Promise<void>((resolve) => socket.once("hello", () => resolve()));

  // Saved the way many editors do: a new file renamed over the old one.
  let notice = nextNotice();
  writeFileSync(join(dir, "subtitle.tmp"), `export const subtitle = " v2";`);
  renameSync(join(dir, "subtitle.tmp"), join(dir, "subtitle.ts"));
  await printed(/reloaded .*app\.tsx/);
  await notice;
  expect(notices.at(-1)).toEqual({ version: 1, error: null });
  expect(await title(url)).toBe("Mine v2");

  notice = nextNotice();
  writeFileSync(join(dir, "app.tsx"), app("Mine").replace("<Blocks", "<Blocks oops="));
  await printed(/failed to load; the previous version keeps serving/);
  await notice;
  expect(notices.at(-1)).toMatchObject({ version: 1, error: expect.stringMatching(/app\.tsx/) });
  expect(await title(url)).toBe("Mine v2");

  notice = nextNotice();
  writeFileSync(join(dir, "app.tsx"), app("Yours"));
  await notice;
  expect(notices.at(-1)).toEqual({ version: 2, error: null });
  expect(await title(url)).toBe("Yours v2");
  socket.close();
});
