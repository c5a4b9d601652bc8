import { Blocks, Button, compile, FileBox, Gallery, Image, listener, Textbox, type AppConfig, type DependencyConfig, type FileValue, type GalleryItem } from "@blockwork/core";
import { afterEach, describe, expect, test } from "vitest";
import { DiskFileStore } from "../files/disk-file-store.ts";
import { chunks } from "../files/file-store.contract.ts";
import { FakeClock } from "../testing/fake-clock.ts";
import { fromGradioFiles, toGradioFiles } from "./gradio-files.ts";

const docs = FileBox({ label: "Docs", fileCount: "multiple" });
const photo = Image({ label: "Photo" });
const link = Image({ label: "Link", type: "url" });
const note = Textbox({ label: "Note" });
const pass = (d: FileValue[] | null, p: FileValue | null, l: string | null, n: string): [FileValue[] | null, FileValue | null, string | null, string] => [d, p, l, n];
const { config } = compile(
  <Blocks>
    {docs}
    {photo}
    {link}
    {note}
    <Button onClick={listener(pass, { inputs: [docs, photo, link, note], outputs: [docs, photo, link, note], apiName: "pass" })}>Go</Button>
  </Blocks>,
);
const dependency = config.dependencies.find((d) => d.apiName === "pass")!;
const APP = "http://127.0.0.1:7860/app/";

const stores: DiskFileStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function withFiles() {
  const store = new DiskFileStore({ shared: false, clock: new FakeClock(), maxCacheBytes: 1_000_000 });
  stores.push(store);
  const text = (await store.put(chunks("some words"), { name: "a.txt" })).value;
  const png = (await store.put(chunks("\x89PNG pixels"), { name: "cat.png" })).value;
  return { store, text, png };
}

const meta = { _type: "gradio.FileData" };
const translate = (store: DiskFileStore, data: unknown[], app: AppConfig = config, dep: DependencyConfig = dependency) => fromGradioFiles(app, dep, data, store, APP);

describe("fromGradioFiles: Gradio's FileData in, the file values the store issued out", () => {
  test("a FileData naming an issued path, alone as @gradio/client sends it or in full, becomes the issued value", async () => {
    const { store, text, png } = await withFiles();
    const full = { path: png.path, url: "http://elsewhere/x", orig_name: "renamed.png", size: 1, mime_type: "text/html", is_stream: false, meta };
    expect(await translate(store, [[{ path: text.path, meta }], full, null, "hi"])).toEqual({ ok: true, data: [[text], png, null, "hi"] });
  });

  test("Blockwork's own file values and values of other inputs pass as they are", async () => {
    const { store, text, png } = await withFiles();
    expect(await translate(store, [[text], png, "https://example.com/cat.png", { not: "a file input" }])).toEqual({
      ok: true,
      data: [[text], png, "https://example.com/cat.png", { not: "a file input" }],
    });
  });

  test("a URL input takes a FileData's http(s) URL, or an uploaded file's absolute URL under the app", async () => {
    const { store, png } = await withFiles();
    const remote = { path: "https://example.com/cat.png", url: "https://example.com/cat.png", orig_name: "cat.png", meta };
    expect(await translate(store, [null, null, remote, null])).toEqual({ ok: true, data: [null, null, "https://example.com/cat.png", null] });
    expect(await translate(store, [null, null, { path: png.path, meta }, null])).toEqual({ ok: true, data: [null, null, `${APP}${png.url}`, null] });
  });

  test.each([
    ["a path the store never issued", [{ path: "/etc/passwd", meta }], 'pass: input 1 ("Docs", a FileBox) (file 1) expects a file this server issued (POST upload answers them); got the path "/etc/passwd", which is not a file it issued.'],
    ["an issued path climbing out of the cache", "climb", "which is not a file it issued."],
    ["a URL, which the server never fetches", [{ path: "https://example.com/a.txt", url: "https://example.com/a.txt", orig_name: "a.txt", meta }], 'got the URL "https://example.com/a.txt", and this server never fetches URLs: upload the file first'],
    ["the empty object a failed upload leaves", [{}], "(an empty object: did the file's upload fail?)"],
    ["a FileData of another kind", [{ path: "x", meta: { _type: "other" } }], "expects a Gradio FileData"],
  ])("%s is refused, naming the input and the file", async (_, docsValue, message) => {
    const { store, text } = await withFiles();
    const value = docsValue === "climb" ? [{ path: `${text.path}/../../../etc/passwd`, meta }] : docsValue;
    const answer = await translate(store, [value, null, null, null]);
    expect(answer.ok).toBe(false);
    expect(answer.ok ? "" : answer.message).toContain(message);
  });

  test("a second file's problem names that file; the image input is named by its place", async () => {
    const { store, text } = await withFiles();
    expect(await translate(store, [[{ path: text.path, meta }, { path: "/tmp/nope", meta }], null, null, null])).toMatchObject({ ok: false, message: expect.stringContaining("(file 2)") });
    expect(await translate(store, [null, { path: "/etc/passwd" }, null, null])).toMatchObject({ ok: false, message: expect.stringMatching(/^pass: input 2 \("Photo", an Image\) expects/) });
  });
});

describe("toGradioFiles: file values out as FileData with absolute URLs", () => {
  test("file outputs become FileData, lists and update({ value }) included; other outputs stay as they are", async () => {
    const { text, png } = await withFiles();
    const outputs = toGradioFiles(config, dependency, APP);
    const fileData = (file: typeof text) => ({ path: file.path, url: `${APP}${file.url}`, orig_name: file.name, size: file.size, mime_type: file.mimeType, is_stream: false, meta });
    expect(outputs([[text, png], { __update__: { value: png, label: "New" } }, "https://example.com/pics/cat%201.png", { path: "kept" }])).toEqual([
      [fileData(text), fileData(png)],
      { __update__: { value: fileData(png), label: "New" } },
      { path: "https://example.com/pics/cat%201.png", url: "https://example.com/pics/cat%201.png", orig_name: "cat 1.png", size: null, mime_type: null, is_stream: false, meta },
      { path: "kept" },
    ]);
    expect(outputs([null, null, null, "text"])).toEqual([null, null, null, "text"]);
  });

  test("a listener without file outputs gets its data untouched", () => {
    const words = Textbox({ label: "Words" });
    const { config: plain } = compile(
      <Blocks>
        {words}
        <Button onClick={listener((s: string) => s, { inputs: [words], outputs: [words], apiName: "echo" })}>Go</Button>
      </Blocks>,
    );
    const data = [{ path: "/x", url: "files/0", name: "x", size: 1, mimeType: "text/plain" }];
    expect(toGradioFiles(plain, plain.dependencies[0]!, APP)(data)).toBe(data);
  });
});

describe("a Gallery over Gradio's wire: items as GalleryImage, { image: FileData, caption }", () => {
  const shots = Gallery({ label: "Shots" });
  const keep = (items: readonly GalleryItem[] | null) => items ?? [];
  const { config: galleryConfig } = compile(
    <Blocks>
      {shots}
      <Button onClick={listener(keep, { inputs: [shots], outputs: [shots], apiName: "keep" })}>Keep</Button>
    </Blocks>,
  );
  const keepListener = galleryConfig.dependencies.find((d) => d.apiName === "keep")!;

  test("an item's FileData becomes the issued file value, its caption kept; a URL image passes as it is", async () => {
    const { store, png } = await withFiles();
    const items = [{ image: { path: png.path, meta }, caption: "a cat" }, { image: "https://example.com/dog.png", caption: null }];
    expect(await translate(store, [items], galleryConfig, keepListener)).toEqual({ ok: true, data: [[{ image: png, caption: "a cat" }, items[1]]] });
    expect(await translate(store, [[{ image: { path: "/etc/passwd", meta }, caption: "x" }]], galleryConfig, keepListener)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^keep: input 1 \("Shots", a Gallery\) \(image 1\) /),
    });
  });

  test("an output item's image becomes FileData with an absolute URL", async () => {
    const { png } = await withFiles();
    const [out] = toGradioFiles(galleryConfig, keepListener, APP)([[{ image: png, caption: "a cat" }]]) as [{ image: { url: string; orig_name: string }; caption: string }[]];
    expect(out).toEqual([{ image: expect.objectContaining({ path: png.path, url: `${APP}${png.url}`, orig_name: "cat.png", meta }), caption: "a cat" }]);
  });
});
