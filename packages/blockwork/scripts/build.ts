/**
 * Builds the publishable `blockwork` package from the workspace sources: one ESM bundle per entry (shared code in
 * chunks, so `blockwork` and `blockwork/jsx-runtime` share one copy and `blockwork/client` pulls in no server
 * code), declarations with the internal `@blockwork/*` specifiers rewritten to relative paths, and the prebuilt UI.
 * Run by `prepack`, so `pnpm pack` always packs a fresh build.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const packages = join(root, "..");
const dist = join(root, "dist");
const ENTRIES = ["index", "client", "testing", "jsx-runtime", "jsx-dev-runtime", "cli"];
/** The workspace packages' public entries, as the declarations name them, and where their declarations land. */
const INTERNAL: Readonly<Record<string, string>> = {
  "@blockwork/core": "core/src/index.js",
  "@blockwork/core/jsx-runtime": "core/src/jsx-runtime.js",
  "@blockwork/core/jsx-dev-runtime": "core/src/jsx-dev-runtime.js",
  "@blockwork/server": "server/src/index.js",
  "@blockwork/client": "client/src/index.js",
};

rmSync(dist, { recursive: true, force: true });
rmSync(join(root, "ui-dist"), { recursive: true, force: true });

await build({
  entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, join(root, "src", `${name}.ts`)])),
  outdir: dist,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // The published dependencies; everything else (the @blockwork/* workspace packages) is bundled in.
  external: ["busboy", "ioredis", "socket.io", "socket.io-client", "tsx", "tsx/*", "@modelcontextprotocol/sdk", "@modelcontextprotocol/sdk/*"],
  logLevel: "warning",
});
// The server finds the UI at `../ui-dist/` from its own module (app-host.ts), so whichever entry or chunk holds it
// must sit at the top of dist/ for that to be <package>/ui-dist.
assertUiPathResolves();

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
rewriteDeclarationSpecifiers(join(dist, "types"));

cpSync(join(packages, "server", "ui-dist"), join(root, "ui-dist"), { recursive: true });
cpSync(join(packages, "server", "bin", "force-esm-hook.js"), join(dist, "force-esm-hook.js"));
// The Redis queue store reads its Lua scripts and starts its lease thread from files beside its module.
const redisStore = join(packages, "server", "src", "queue", "store", "redis");
cpSync(join(redisStore, "lua"), join(dist, "lua"), { recursive: true });
cpSync(join(redisStore, "lease-worker.mjs"), join(dist, "lease-worker.mjs"));
assertBesideTopLevel(["./lua/", "./lease-worker.mjs"]);

/**
 * Declarations keep the specifiers of the sources: `@blockwork/*`, which an install does not have, become
 * relative paths, and `./x.ts` becomes `./x.js`, the usual form in published declarations.
 */
function rewriteDeclarationSpecifiers(typesDir: string): void {
  for (const file of walk(typesDir).filter((f) => f.endsWith(".d.ts"))) {
    const source = readFileSync(file, "utf8");
    const rewritten = source.replace(/(from |import\()"([^"]+)"/g, (_match, lead: string, specifier: string) => {
      const internal = INTERNAL[specifier];
      if (internal !== undefined) {
        const path = relative(dirname(file), join(typesDir, internal));
        return `${lead}"${path.startsWith(".") ? path : `./${path}`}"`;
      }
      if (specifier.startsWith("@blockwork/")) throw new Error(`${file}: no mapping for ${specifier}`);
      return `${lead}"${specifier.startsWith(".") ? specifier.replace(/\.tsx?$/, ".js") : specifier}"`;
    });
    if (rewritten !== source) writeFileSync(file, rewritten);
  }
}

/** Files a bundle loads relative to itself must be read from a module at the top of dist/, where they are copied. */
function assertBesideTopLevel(needles: readonly string[]): void {
  for (const needle of needles) {
    const users = walk(dist).filter((file) => file.endsWith(".js") && readFileSync(file, "utf8").includes(needle));
    if (users.length === 0) throw new Error(`no bundle refers to ${needle}`);
    for (const file of users) if (dirname(file) !== dist) throw new Error(`${relative(root, file)} loads ${needle} from a nested folder`);
  }
}

function assertUiPathResolves(): void {
  const uiUsers = walk(dist).filter((file) => readFileSync(file, "utf8").includes('"../ui-dist/"'));
  for (const file of uiUsers) {
    if (dirname(file) !== dist) throw new Error(`${relative(root, file)} resolves ../ui-dist/ from a nested folder`);
  }
  if (uiUsers.length === 0) throw new Error("no bundle refers to ../ui-dist/: the server cannot find its UI");
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
