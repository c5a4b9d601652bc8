import { Blocks, Textbox } from "@blockwork/core";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { serve } from "./harness.ts";

/** A raw GET: `fetch` would normalize `..` and some escapes away before the server saw them. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function fixture() {
  const root = mkdtempSync(join(tmpdir(), "blockwork-files-"));
  const allowed = join(root, "outputs");
  mkdirSync(join(allowed, "sub"), { recursive: true });
  writeFileSync(join(allowed, "cat.txt"), "meow");
  writeFileSync(join(allowed, "sub", "deep.txt"), "deep");
  writeFileSync(join(root, "secret.txt"), "TOP SECRET");
  mkdirSync(`${allowed}-evil`);
  writeFileSync(join(`${allowed}-evil`, "x.txt"), "TOP SECRET");
  symlinkSync(join(root, "secret.txt"), join(allowed, "link-out.txt"));
  symlinkSync(root, join(allowed, "dir-out"));
  symlinkSync(join(allowed, "cat.txt"), join(allowed, "link-in.txt"));
  return { root, allowed };
}

const app = () => <Blocks>{Textbox()}</Blocks>;

describe("files: only the UI's own files and the allowed folders are served", () => {
  test("a file in an allowed folder is served at file/<absolute path>, symlinks inside it too", async () => {
    const { allowed } = fixture();
    const { url } = await serve(app(), { allowedPaths: [allowed] });
    const cat = await fetch(`${url}file${allowed}/cat.txt`);
    expect(cat.status).toBe(200);
    expect(cat.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(cat.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await cat.text()).toBe("meow");
    expect(await (await fetch(`${url}file${allowed}/sub/deep.txt`)).text()).toBe("deep");
    expect(await (await fetch(`${url}file${allowed}/link-in.txt`)).text()).toBe("meow");
  });

  test("without allowedPaths nothing on disk is served under file/", async () => {
    const { allowed } = fixture();
    const { url } = await serve(app());
    expect((await rawGet(url, `/file${allowed}/cat.txt`)).status).toBe(404);
  });

  const attacks: [string, (f: { root: string; allowed: string }) => string, number][] = [
    ["`..` segments", (f) => `/file${f.allowed}/../secret.txt`, 404],
    ["`..` segments from a subfolder", (f) => `/file${f.allowed}/sub/../../secret.txt`, 404],
    ["%2e%2e (encoded dots)", (f) => `/file${f.allowed}/%2e%2e/secret.txt`, 404],
    ["%2E%2E%2F (encoded dots and slash)", (f) => `/file${f.allowed}/%2E%2E%2Fsecret.txt`, 404],
    ["..%2f (encoded slash)", (f) => `/file${f.allowed}/sub/..%2f..%2fsecret.txt`, 404],
    ["..%5c (encoded backslash)", (f) => `/file${f.allowed}/..%5csecret.txt`, 404],
    ["double encoding %252e%252e", (f) => `/file${f.allowed}/%252e%252e/secret.txt`, 404],
    ["an absolute path outside the allowed folders", (f) => `/file${f.root}/secret.txt`, 404],
    ["an encoded absolute path", () => `/file/%2Fetc%2Fpasswd`, 404],
    ["/etc/passwd", () => `/file/etc/passwd`, 404],
    ["a sibling folder sharing the allowed folder's prefix", (f) => `/file${f.allowed}-evil/x.txt`, 404],
    ["a symlink to a file out of the folder", (f) => `/file${f.allowed}/link-out.txt`, 404],
    ["a symlink to a folder out of the folder", (f) => `/file${f.allowed}/dir-out/secret.txt`, 404],
    ["a NUL byte", (f) => `/file${f.allowed}/cat.txt%00.png`, 400],
    ["a malformed escape", (f) => `/file${f.allowed}/%E0%A4%A`, 400],
  ];
  test.each(attacks)("refuses path traversal: %s", async (_name, path, status) => {
    const f = fixture();
    const { url } = await serve(app(), { allowedPaths: [f.allowed] });
    const response = await rawGet(url, path(f));
    expect(response.status).toBe(status);
    expect(response.body).not.toContain("TOP SECRET");
  });

  test.each([
    ["`..` out of the UI folder", "/../secret.txt"],
    ["encoded `..`", "/%2e%2e/secret.txt"],
    ["an absolute path", "/%2Fetc%2Fpasswd"],
    ["a symlink out of the UI folder", "/link-out.txt"],
    ["a NUL byte", "/index.html%00"],
  ])("the UI's files refuse traversal too: %s", async (_name, path) => {
    const root = mkdtempSync(join(tmpdir(), "blockwork-ui-"));
    const uiDir = join(root, "ui-dist");
    mkdirSync(uiDir);
    writeFileSync(join(uiDir, "index.html"), "<title>ui</title>");
    writeFileSync(join(root, "secret.txt"), "TOP SECRET");
    symlinkSync(join(root, "secret.txt"), join(uiDir, "link-out.txt"));
    const { url } = await serve(app(), { uiDir });
    const response = await rawGet(url, path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain("TOP SECRET");
  });
});
