import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { main } from "./main.ts";
import { parseArgs, TEMPLATES } from "./parse-args.ts";
import { packageName, scaffold } from "./scaffold.ts";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, any>;
const fresh = (name: string) => join(mkdtempSync(join(tmpdir(), "create-blockwork-")), name);

describe("create-blockwork", () => {
  test.each(TEMPLATES)("template %s: app, test, shared config and a package.json with the given blockwork spec", (template) => {
    const dir = fresh("My App");
    scaffold({ dir, template, blockworkSpec: "file:/tmp/blockwork-0.1.0.tgz" });
    for (const file of ["app.tsx", "tests/app.spec.ts", "tests/app-fixture.ts", "playwright.config.ts", "tsconfig.json", "README.md", ".gitignore"]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const pkg = readJson(join(dir, "package.json"));
    expect(pkg.name).toBe("my-app");
    expect(pkg.dependencies).toEqual({ blockwork: "file:/tmp/blockwork-0.1.0.tgz" });
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(["dev", "start", "test", "typecheck"]));
    expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(new RegExp(`^# my-app\\n[^]*template \`${template}\``));
  });

  test("a non-empty folder is refused", () => {
    const dir = fresh("taken");
    mkdirSync(dir);
    writeFileSync(join(dir, "keep.txt"), "mine");
    expect(() => scaffold({ dir, template: "queue", blockworkSpec: "^0.1.0" })).toThrow(/exists and is not empty/);
  });

  test("without a TTY nothing is asked: the default template and the matching blockwork version", async () => {
    const dir = fresh("quiet");
    expect(await main([dir])).toBe(0);
    const own = readJson(new URL("../package.json", import.meta.url).pathname);
    const blockwork = readJson(new URL("../../blockwork/package.json", import.meta.url).pathname);
    expect(own.version).toBe(blockwork.version);
    expect(readJson(join(dir, "package.json")).dependencies).toEqual({ blockwork: `^${own.version}` });
    expect(readFileSync(join(dir, "app.tsx"), "utf8")).toContain("concurrencyLimit");
  });

  test("arguments: template, blockwork spec, errors", () => {
    expect(parseArgs(["app", "--template", "chat", "--blockwork", "file:x.tgz"])).toEqual({ kind: "create", dir: "app", template: "chat", blockworkSpec: "file:x.tgz" });
    expect(parseArgs(["--template", "nope"])).toMatchObject({ kind: "error", message: expect.stringMatching(/unknown template "nope"/) });
    expect(parseArgs(["a", "b"])).toMatchObject({ kind: "error" });
    expect(parseArgs(["--help"])).toEqual({ kind: "help" });
    expect(packageName("/x/.Hidden Name!")).toBe("hidden-name-");
  });
});
