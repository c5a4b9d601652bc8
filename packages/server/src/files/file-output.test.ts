import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { FakeClock } from "../testing/fake-clock.ts";
import { DiskFileStore } from "./disk-file-store.ts";
import { chunks } from "./file-store.contract.ts";
import { toFileOutput } from "./file-output.ts";

const stores: DiskFileStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
function open(): DiskFileStore {
  const store = new DiskFileStore({ shared: false, clock: new FakeClock(), maxCacheBytes: 1_000_000 });
  stores.push(store);
  return store;
}
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe("toFileOutput: what a handler returns for a file output", () => {
  test("bytes are stored, typed by their first bytes", async () => {
    const store = open();
    const result = await toFileOutput(store, PNG, []);
    expect(result).toEqual({ ok: true, output: expect.objectContaining({ name: "file.png", size: 11, mimeType: "image/png" }) });
    const value = result.ok && typeof result.output === "object" ? result.output : null;
    expect(readFileSync(value!.path)).toEqual(Buffer.from(PNG));
  });

  test("a data URI is stored as a file, base64 or percent-encoded", async () => {
    const store = open();
    const svg = await toFileOutput(store, `data:image/svg+xml,${encodeURIComponent("<svg/>")}%FF`, []);
    expect(svg).toEqual({ ok: true, output: expect.objectContaining({ name: "file.svg", mimeType: "image/svg+xml", size: 7 }) });
    const png = await toFileOutput(store, `data:image/png;base64,${Buffer.from(PNG).toString("base64")}`, []);
    expect(png).toEqual({ ok: true, output: expect.objectContaining({ mimeType: "image/png", size: 11 }) });
  });

  test("an http(s) URL passes as is: the server never fetches it", async () => {
    const store = open();
    expect(await toFileOutput(store, "https://example.com/cat.png", [])).toEqual({ ok: true, output: "https://example.com/cat.png" });
    expect(await toFileOutput(store, "http://[::1", [])).toEqual({ ok: false, problem: 'the URL "http://[::1" is not a valid URL' });
  });

  test("a path in the OS temp dir or allowedPaths is copied into the cache; one of the cache's own is given as issued", async () => {
    const store = open();
    const dir = mkdtempSync(join(tmpdir(), "blockwork-out-"));
    writeFileSync(join(dir, "result.txt"), "done");
    const copied = await toFileOutput(store, join(dir, "result.txt"), []);
    expect(copied).toEqual({ ok: true, output: expect.objectContaining({ name: "result.txt", mimeType: "text/plain", size: 4 }) });
    const value = copied.ok && typeof copied.output === "object" ? copied.output : null;
    expect(value!.path.startsWith(store.root)).toBe(true);
    expect(await toFileOutput(store, value!.path, [])).toEqual({ ok: true, output: value });
    expect(await toFileOutput(store, value, [])).toEqual({ ok: true, output: value });

    const allowed = join(process.cwd(), "packages");
    expect(await toFileOutput(store, join(allowed, "server", "package.json"), [allowed])).toEqual({ ok: true, output: expect.objectContaining({ name: "package.json" }) });
  });

  test.each([
    ["a path outside the allowed folders", () => "/etc/passwd", 'the path "/etc/passwd" is outside the folders'],
    ["a relative path climbing out", () => "../../../../../../etc/passwd", "is outside the folders"],
    [
      "a symlink in the temp dir pointing out of it",
      () => {
        const dir = mkdtempSync(join(tmpdir(), "blockwork-out-"));
        symlinkSync("/etc/passwd", join(dir, "innocent.txt"));
        return join(dir, "innocent.txt");
      },
      "is outside the folders",
    ],
    ["a missing file", () => join(tmpdir(), "blockwork-no-such-file"), "does not exist"],
    [
      "a folder",
      () => {
        const dir = mkdtempSync(join(tmpdir(), "blockwork-out-"));
        mkdirSync(join(dir, "sub"));
        return join(dir, "sub");
      },
      "is not a file",
    ],
    ["a NUL byte", () => "/tmp/x\0.png", "is not a path"],
    ["a number", () => 42, "a file output takes a path"],
  ])("refuses %s with a clear problem", async (_name, make, phrase) => {
    const store = open();
    const result = await toFileOutput(store, make(), []);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(phrase);
  });

  test("refuses a file value it never issued, and a path in the cache that is no file of its", async () => {
    const store = open();
    const issued = (await store.put(chunks("x"), { name: "x.txt" })).value;
    const forged = await toFileOutput(store, { ...issued, path: "/etc/passwd" }, []);
    expect(!forged.ok && forged.problem).toContain("the file value is not one this server issued");
    const owner = await toFileOutput(store, join(store.root, ".owner"), []);
    expect(!owner.ok && owner.problem).toContain("is in the file cache but is not a file it issued");
  });
});
