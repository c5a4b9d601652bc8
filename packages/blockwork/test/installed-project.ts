import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Helpers for trying the published packages as a user would: packed, then installed by plain npm elsewhere.

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));

/** The workspace packages that are published; the others are private, and `blockwork` bundles them. */
const PUBLISHABLE = ["blockwork", "create-blockwork"] as const;
export type Tarballs = Record<(typeof PUBLISHABLE)[number], string>;

/**
 * A user's environment: none of the `npm_*` variables that pnpm sets for the script running this (npm would warn
 * about pnpm's settings), and npm without its audit, funding and update notices, which only cost time and network.
 */
const USER_ENV: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => !/^npm_/i.test(entry[0]) && entry[1] !== undefined)),
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

/**
 * Runs a command and resolves to its stdout; rejects with everything it printed. Output is captured, never
 * streamed: CI's summary counts test-runner lines, and a nested runner's would be counted too.
 */
export function run(command: readonly [string, ...string[]], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<string> {
  const [executable, ...args] = command;
  return new Promise((resolve, reject) => {
    execFile(executable, args, { cwd, env: { ...USER_ENV, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command.join(" ")} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

const made: string[] = [];

/** A new folder under the system's temp dir: outside the repository, so no workspace or lockfile above it. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Deletes every folder `tempDir` made: each holds an install of 30–100 MB. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `pnpm pack` of the publishable packages (each builds itself in `prepack`) into `dir`: their tarballs. */
export async function packPublishable(dir: string): Promise<Tarballs> {
  mkdirSync(dir, { recursive: true });
  await run([...pnpm(), ...PUBLISHABLE.flatMap((name) => ["--filter", name]), "pack", "--pack-destination", dir], REPO);
  const tarball = (name: (typeof PUBLISHABLE)[number]): string => {
    const { version } = JSON.parse(readFileSync(join(REPO, "packages", name, "package.json"), "utf8")) as { version: string };
    return join(dir, `${name}-${version}.tgz`);
  };
  return { blockwork: tarball("blockwork"), "create-blockwork": tarball("create-blockwork") };
}

/** The pnpm running this script when there is one (`pnpm test`), else pnpm 10 through npx. */
function pnpm(): [string, ...string[]] {
  const running = process.env.npm_execpath;
  return running !== undefined && /pnpm/.test(running) ? [process.execPath, running] : ["npx", "-y", "pnpm@10"];
}
