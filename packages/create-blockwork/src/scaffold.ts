import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateName } from "./parse-args.ts";

const TEMPLATES_DIR = fileURLToPath(new URL("../templates/", import.meta.url));

/** What to create. */
export interface ScaffoldOptions {
  /** The project's folder; it must not exist or be empty. */
  readonly dir: string;
  readonly template: TemplateName;
  /** The `blockwork` dependency as written into package.json: a semver range, a `file:` tarball, … */
  readonly blockworkSpec: string;
}

/** Writes a project: the template's app and test, the shared config, README and .gitignore, and package.json. */
export function scaffold(options: ScaffoldOptions): void {
  const { dir, template } = options;
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} exists and is not empty`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(TEMPLATES_DIR, "shared"), dir, { recursive: true });
  cpSync(join(TEMPLATES_DIR, template), dir, { recursive: true });
  // npm leaves .gitignore files out of published tarballs, so the template's is stored without its dot.
  renameSync(join(dir, "gitignore"), join(dir, ".gitignore"));
  const name = packageName(dir);
  const readme = join(dir, "README.md");
  writeFileSync(readme, readFileSync(readme, "utf8").replaceAll("{{name}}", name).replaceAll("{{template}}", template));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(packageJson(name, options.blockworkSpec), null, 2)}\n`);
}

function packageJson(name: string, blockworkSpec: string): object {
  return {
    name,
    version: "0.1.0",
    private: true,
    type: "module",
    scripts: {
      dev: "blockwork dev app.tsx",
      start: "blockwork run app.tsx",
      test: "playwright test",
      typecheck: "tsc",
    },
    dependencies: { blockwork: blockworkSpec },
    devDependencies: { "@playwright/test": "~1.65.1", "@types/node": "^20.19.0", typescript: "~5.9.3" },
  };
}

/** The folder's name as an npm package name: lower case, with anything npm refuses replaced by dashes. */
export function packageName(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^[._-]+/, "");
  return name === "" ? "blockwork-app" : name;
}
