import { readdir, readFile, rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../testing/fake-clock.ts";
import { FileTooLargeError, type FileStore } from "./file-store.ts";

export interface ContractFileStoreOptions {
  readonly clock: FakeClock;
  /** @default 1_000_000 */
  readonly maxCacheBytes?: number;
}

export type MakeFileStore = (options: ContractFileStoreOptions) => Promise<FileStore>;

/** The bytes of `text`, in chunks of `chunk` bytes, as a stream would deliver them. */
export async function* chunks(text: string, chunk = 4): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
}

/** The names in the store's folder that are files' own (ids, metadata), not its markers. */
async function entries(store: FileStore): Promise<string[]> {
  return (await readdir(store.root)).filter((name) => !name.startsWith(".owner") && !name.startsWith(".shared"));
}

/** What every file store must do, run against each backend (as `describeQueueStore` is for the queue). */
export function describeFileStore(name: string, make: MakeFileStore): void {
  describe(`file store contract: ${name}`, () => {
    const stores: FileStore[] = [];
    const open = async (options: Partial<ContractFileStoreOptions> = {}) => {
      const clock = options.clock ?? new FakeClock();
      const store = await make({ ...options, clock });
      stores.push(store);
      return { store, clock };
    };
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
    });

    it("issues a file with its name, size and type, and gives it back by id", async () => {
      const { store } = await open();
      const put = await store.put(chunks("meow, a cat"), { name: "cat.txt", mimeType: "application/x-whatever" });
      expect(put.value).toEqual({ path: expect.stringContaining(store.root), url: `files/${put.id}`, name: "cat.txt", size: 11, mimeType: "text/plain" });
      expect(put.value.path.endsWith("/cat.txt")).toBe(true);
      expect(await readFile(put.value.path, "utf8")).toBe("meow, a cat");
      expect(await store.get(put.id)).toEqual(put);
    });

    it("keeps a declared type when the name's extension says nothing, and opaque bytes when neither does", async () => {
      const { store } = await open();
      expect((await store.put(chunks("x"), { name: "blob", mimeType: "image/PNG; charset=x" })).value.mimeType).toBe("image/png");
      expect((await store.put(chunks("x"), { name: "blob", mimeType: "not a type\r\nX-Evil: 1" })).value.mimeType).toBe("application/octet-stream");
    });

    it("types bytes that come with neither a known extension nor a type by their first bytes, across chunks", async () => {
      const { store } = await open();
      expect((await store.put(chunks("%PDF-1.7 …", 2), { name: "blob", mimeType: "application/octet-stream" })).value.mimeType).toBe("application/pdf");
      expect((await store.put(chunks("GIF89a"), { name: "blob" })).value.mimeType).toBe("image/gif");
      // A name or a declared type still decides first: the bytes never override what the sender said.
      expect((await store.put(chunks("GIF89a"), { name: "notes.txt" })).value.mimeType).toBe("text/plain");
      expect((await store.put(chunks("GIF89a"), { name: "blob", mimeType: "text/csv" })).value.mimeType).toBe("text/csv");
    });

    it("issues unguessable ids: 128 random bits each, never derived from the content", async () => {
      const { store } = await open();
      const ids = await Promise.all(Array.from({ length: 64 }, () => store.put(chunks("same bytes"), { name: "same.txt" }).then((f) => f.id)));
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
      // Every hex digit position varies across the ids: no counter, timestamp or content hash in them.
      for (let i = 0; i < 32; i++) expect(new Set(ids.map((id) => id[i])).size).toBeGreaterThan(4);
    });

    it("knows nothing under an id it never issued, or a malformed one", async () => {
      const { store } = await open();
      await store.put(chunks("x"), { name: "a.txt" });
      for (const id of ["0".repeat(32), "../../etc/passwd", "", "A".repeat(32), `${"a".repeat(32)}/..`]) expect(await store.get(id)).toBeNull();
    });

    it("keeps a hostile name in the value and a safe one on disk", async () => {
      const { store } = await open();
      const put = await store.put(chunks("x"), { name: '../../evil"\r\nname.html' });
      expect(put.value.name).toBe('evil"__name.html');
      expect(put.value.path).toBe(`${store.root}/${put.id}/evil___name.html`);
    });

    it("refuses a file past maxBytes once it passes it, leaving nothing behind", async () => {
      const { store } = await open();
      let pulled = 0;
      async function* endless(): AsyncIterable<Uint8Array> {
        for (;;) {
          pulled++;
          yield new Uint8Array(10);
        }
      }
      await expect(store.put(endless(), { name: "big.bin" }, { maxBytes: 25 })).rejects.toThrow(FileTooLargeError);
      expect(pulled).toBe(3);
      expect(await entries(store)).toEqual([]);
    });

    it("leaves nothing behind when the source fails or the write is aborted", async () => {
      const { store } = await open();
      async function* failing(): AsyncIterable<Uint8Array> {
        yield new Uint8Array(5);
        throw new Error("connection reset");
      }
      await expect(store.put(failing(), { name: "a.bin" })).rejects.toThrow("connection reset");
      const controller = new AbortController();
      async function* aborted(): AsyncIterable<Uint8Array> {
        yield new Uint8Array(5);
        controller.abort();
        yield new Uint8Array(5);
      }
      await expect(store.put(aborted(), { name: "b.bin" }, { signal: controller.signal })).rejects.toThrow();
      expect(await entries(store)).toEqual([]);
    });

    it("removes a file by id: no longer issued, its bytes gone", async () => {
      const { store } = await open();
      const put = await store.put(chunks("bye"), { name: "bye.txt" });
      await store.remove(put.id);
      expect(await store.get(put.id)).toBeNull();
      expect(await entries(store)).toEqual([]);
      await store.remove("../../etc/passwd");
    });

    it("removes files by age, by the injected clock", async () => {
      const { store, clock } = await open();
      const old = await store.put(chunks("old"), { name: "old.txt" });
      clock.advance(10_000);
      const young = await store.put(chunks("young"), { name: "young.txt" });
      expect(await store.removeOlderThan(clock.now() - 5_000)).toBe(1);
      expect(await store.get(old.id)).toBeNull();
      await expect(readFile(old.value.path)).rejects.toThrow();
      expect(await store.get(young.id)).toEqual(young);
    });

    it("holds at most its cap: the oldest files make room, and a file bigger than the cap is refused", async () => {
      const { store, clock } = await open({ maxCacheBytes: 10 });
      const a = await store.put(chunks("aaaa"), { name: "a.txt" });
      clock.advance(1);
      const b = await store.put(chunks("bbbb"), { name: "b.txt" });
      clock.advance(1);
      const c = await store.put(chunks("cccc"), { name: "c.txt" });
      expect(await store.get(a.id)).toBeNull();
      expect(await store.get(b.id)).toEqual(b);
      expect(await store.get(c.id)).toEqual(c);
      await expect(store.put(chunks("x".repeat(11)), { name: "huge.txt" })).rejects.toThrow(/at most 10 bytes \(maxCacheBytes\)/);
      const left = await entries(store);
      expect(left.filter((name) => !name.endsWith(".json")).every((id) => left.includes(`${id}.json`))).toBe(true);
    });

    it("does not give back a file whose bytes were removed behind its back", async () => {
      const { store } = await open();
      const put = await store.put(chunks("x"), { name: "a.txt" });
      await rm(put.value.path);
      expect(await store.get(put.id)).toBeNull();
    });
  });
}
