import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { FakeClock } from "../testing/fake-clock.ts";
import { DiskFileStore, type DiskFileStoreOptions } from "./disk-file-store.ts";
import { chunks, describeFileStore } from "./file-store.contract.ts";

describeFileStore("disk, private", async ({ clock, maxCacheBytes }) => new DiskFileStore({ shared: false, clock, maxCacheBytes: maxCacheBytes ?? 1_000_000 }));
describeFileStore("disk, shared", async ({ clock, maxCacheBytes }) =>
  new DiskFileStore({ dir: mkdtempSync(join(tmpdir(), "blockwork-shared-")), shared: true, clock, maxCacheBytes: maxCacheBytes ?? 1_000_000 }),
);

const opened: DiskFileStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
function openStore(options: Partial<DiskFileStoreOptions> = {}): DiskFileStore {
  const store = new DiskFileStore({ shared: false, clock: new FakeClock(), maxCacheBytes: 1_000_000, ...options });
  opened.push(store);
  return store;
}
const folder = () => mkdtempSync(join(tmpdir(), "blockwork-cache-test-"));

/** Plants `<id>/<name>` with metadata as the store writes it, the file itself being whatever `plant` makes. */
async function plantEntry(root: string, id: string, plant: (path: string) => void, size: number): Promise<void> {
  mkdirSync(join(root, id));
  plant(join(root, id, "x.txt"));
  await writeFile(join(root, `${id}.json`), JSON.stringify({ name: "x.txt", diskName: "x.txt", size, mimeType: "text/plain", createdAt: 0 }));
}

describe("the disk file store", () => {
  test("a private store's own folder is removed at close; in a given folder only its entries are", async () => {
    const own = openStore();
    await own.put(chunks("x"), { name: "a.txt" });
    await own.close();
    expect(existsSync(own.root)).toBe(false);

    const dir = folder();
    writeFileSync(join(dir, "keep-me.txt"), "mine");
    const given = openStore({ dir });
    await given.put(chunks("x"), { name: "a.txt" });
    await given.close();
    expect(readdirSync(dir)).toEqual(["keep-me.txt"]);
  });

  test("a private store clears a crashed owner's leftovers at start", async () => {
    const dir = folder();
    const id = "ab".repeat(16);
    await plantEntry(dir, id, (path) => writeFileSync(path, "stale"), 5);
    writeFileSync(join(dir, ".owner"), "999999999");
    const store = openStore({ dir });
    expect(await store.get(id)).toBeNull();
    await store.put(chunks("x"), { name: "a.txt" });
    expect(existsSync(join(dir, id))).toBe(false);
  });

  test("a folder is private to one store: a second store, private or shared, is refused", () => {
    const dir = folder();
    openStore({ dir });
    expect(() => openStore({ dir })).toThrow(/private file cache of process \d+/);
    expect(() => openStore({ dir, shared: true })).toThrow(/sharedCache: true/);
  });

  test("a shared folder is refused to a private store", () => {
    const dir = folder();
    openStore({ dir, shared: true });
    expect(() => openStore({ dir })).toThrow(/is a shared file cache/);
  });

  test("shared: a file one store issued is found by another on the same folder, and outlives its writer", async () => {
    const dir = folder();
    const clock = new FakeClock();
    const writer = openStore({ dir, shared: true, clock });
    const reader = openStore({ dir, shared: true, clock });
    const put = await writer.put(chunks("shared bytes"), { name: "s.txt" });
    await writer.close();
    expect(await reader.get(put.id)).toEqual(put);
    expect(await readFile(put.value.path, "utf8")).toBe("shared bytes");
    clock.advance(1_000);
    expect(await reader.removeOlderThan(clock.now())).toBe(1);
    expect(await reader.get(put.id)).toBeNull();
  });

  test("shared: the cap counts every process's files", async () => {
    const dir = folder();
    const clock = new FakeClock();
    const a = openStore({ dir, shared: true, clock, maxCacheBytes: 10 });
    const b = openStore({ dir, shared: true, clock, maxCacheBytes: 10 });
    const first = await a.put(chunks("aaaaaa"), { name: "a.txt" });
    clock.advance(1_000);
    await b.put(chunks("bbbbbb"), { name: "b.txt" });
    expect(await a.get(first.id)).toBeNull();
  });

  describe("planted entries are never issued", () => {
    const secret = () => {
      const path = join(folder(), "secret.txt");
      writeFileSync(path, "TOP SECRET");
      return path;
    };
    test.each([
      ["a symlink to a file outside", (path: string) => symlinkSync(secret(), path)],
      ["a hard link to a file outside", (path: string) => linkSync(secret(), path)],
    ])("shared: %s", async (_name, plant) => {
      const store = openStore({ dir: folder(), shared: true });
      const id = "cd".repeat(16);
      await plantEntry(store.root, id, plant, 10);
      expect(await store.get(id)).toBeNull();
    });

    test("shared: an entry folder that is a symlink", async () => {
      const store = openStore({ dir: folder(), shared: true });
      const outside = folder();
      writeFileSync(join(outside, "x.txt"), "TOP SECRET");
      const id = "ef".repeat(16);
      symlinkSync(outside, join(store.root, id));
      await writeFile(join(store.root, `${id}.json`), JSON.stringify({ name: "x.txt", diskName: "x.txt", size: 10, mimeType: "text/plain", createdAt: 0 }));
      expect(await store.get(id)).toBeNull();
    });

    test("shared: metadata whose disk name leaves the entry's folder", async () => {
      const store = openStore({ dir: folder(), shared: true });
      const id = "12".repeat(16);
      mkdirSync(join(store.root, id));
      await writeFile(join(store.root, `${id}.json`), JSON.stringify({ name: "x", diskName: "../../../etc/passwd", size: 1, mimeType: "text/plain", createdAt: 0 }));
      expect(await store.get(id)).toBeNull();
    });

    test("private: an issued file swapped for a symlink, and an entry it never issued", async () => {
      const store = openStore();
      const put = await store.put(chunks("0123456789"), { name: "x.txt" });
      await rm(put.value.path);
      symlinkSync(secret(), put.value.path);
      expect(await store.get(put.id)).toBeNull();
      const planted = "34".repeat(16);
      await plantEntry(store.root, planted, (path) => writeFileSync(path, "0123456789"), 10);
      expect(await store.get(planted)).toBeNull();
    });
  });

  test("shared: an orphan folder (a crashed write) is removed once untouched for the age", async () => {
    const store = openStore({ dir: folder(), shared: true });
    const id = "56".repeat(16);
    mkdirSync(join(store.root, id));
    writeFileSync(join(store.root, id, "partial.bin"), "half");
    await store.removeOlderThan(new FakeClock().now() - 60_000);
    expect(existsSync(join(store.root, id))).toBe(true);
    await store.removeOlderThan(Number.POSITIVE_INFINITY);
    expect(existsSync(join(store.root, id))).toBe(false);
  });
});
