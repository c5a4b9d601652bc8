import { afterEach, describe, expect, test } from "vitest";
import { FakeClock } from "../testing/fake-clock.ts";
import { DiskFileStore } from "./disk-file-store.ts";
import { chunks } from "./file-store.contract.ts";
import { resolveFileValue } from "./resolve-file-value.ts";

const stores: DiskFileStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function issued() {
  const store = new DiskFileStore({ shared: false, clock: new FakeClock(), maxCacheBytes: 1_000_000 });
  stores.push(store);
  const file = await store.put(chunks("a picture"), { name: "cat.png" });
  return { store, value: file.value };
}

describe("resolveFileValue: only files this server issued pass the edge", () => {
  test("an issued value comes back as issued", async () => {
    const { store, value } = await issued();
    expect(await resolveFileValue(store, { ...value })).toEqual({ ok: true, file: value });
  });

  test.each([
    ["a forged path: /etc/passwd", (v: Record<string, unknown>) => ({ ...v, path: "/etc/passwd" }), 'got the path "/etc/passwd", which is not a file it issued'],
    ["a path climbing out of the cache", (v: Record<string, unknown>) => ({ ...v, path: `${String(v.path)}/../../../etc/passwd` }), "which is not a file it issued"],
    ["an id never issued", (v: Record<string, unknown>) => ({ ...v, url: `files/${"0".repeat(32)}` }), "got one it does not hold"],
    ["a url that is no file of its", (v: Record<string, unknown>) => ({ ...v, url: "file/etc/passwd" }), 'got one whose url "file/etc/passwd" is not one of its files'],
    ["a traversal in the url", (v: Record<string, unknown>) => ({ ...v, url: "files/../../etc/passwd" }), "is not one of its files"],
    ["a changed size", (v: Record<string, unknown>) => ({ ...v, size: 1 }), "whose size differs from the one issued"],
    ["a renamed file", (v: Record<string, unknown>) => ({ ...v, name: "cat.html" }), "whose name differs from the one issued"],
    ["a bare path", () => "/etc/passwd", "got a string"],
    ["an extra field", (v: Record<string, unknown>) => ({ ...v, isStream: true }), 'unknown field "isStream"'],
  ])("refuses %s", async (_name, forge, phrase) => {
    const { store, value } = await issued();
    const result = await resolveFileValue(store, forge(value as unknown as Record<string, unknown>));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(phrase);
  });

  test("a component's limits: its largest size and its fileTypes", async () => {
    const { store, value } = await issued();
    expect(await resolveFileValue(store, value, { maxBytes: 4 })).toEqual({ ok: false, problem: "expects a file of at most 4 bytes; got 9 bytes" });
    expect(await resolveFileValue(store, value, { fileTypes: [".pdf", "audio/*"] })).toEqual({
      ok: false,
      problem: 'expects a file of type .pdf or audio/*; got "cat.png" (image/png)',
    });
    expect((await resolveFileValue(store, value, { fileTypes: [".png"], maxBytes: 9 })).ok).toBe(true);
    expect((await resolveFileValue(store, value, { fileTypes: ["image/*"] })).ok).toBe(true);
  });
});
