import { Blocks, Textbox, type FileValue } from "@blockwork/core";
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { describe, expect, test } from "vitest";
import { createAppHost } from "../index.ts";
import { FakeClock } from "../testing/fake-clock.ts";
import { cachedEntries, serve, tempCacheDir, until } from "./harness.ts";

const app = () => <Blocks>{Textbox()}</Blocks>;

async function upload(url: string, files: readonly (readonly [name: string, body: string | Uint8Array<ArrayBuffer>, type?: string])[], init: RequestInit = {}): Promise<Response> {
  const form = new FormData();
  for (const [name, body, type] of files) form.append("files", new Blob([body], type === undefined ? {} : { type }), name);
  return fetch(`${url}upload`, { method: "POST", body: form, ...init });
}

async function uploadOne(url: string, name: string, body: string | Uint8Array<ArrayBuffer>, type?: string): Promise<FileValue> {
  const response = await upload(url, [[name, body, type]]);
  expect(response.status).toBe(200);
  const [value] = (await response.json()) as FileValue[];
  return value!;
}

/** A raw request, so that the test controls every byte (fetch would normalize paths and bodies). */
function rawRequest(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string | number>; body?: (write: (chunk: Buffer) => boolean) => Promise<void> | void },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let failure: Error | undefined;
    const req = request(url, { method: options.method, path: options.path, headers: options.headers ?? {} }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    // A refused upload's connection closes while this side may still be writing (EPIPE, a reset): the answer is
    // what counts, so a write's error only fails the request if no answer came.
    req.on("error", (error) => (failure = error));
    req.on("close", () => (answered ? undefined : reject(failure ?? new Error("the connection closed without an answer"))));
    void Promise.resolve(options.body?.((chunk) => req.write(chunk))).then(
      () => req.end(),
      () => req.destroy(),
    );
  });
}

describe("uploads: POST <base>upload streams files into the cache", () => {
  test("answers one file value per file, in order, whose bytes are on disk and served at its url", async () => {
    const { url } = await serve(app());
    const response = await upload(url, [
      ["cat.txt", "meow"],
      ["dog.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "image/png"],
    ]);
    expect(response.status).toBe(200);
    const values = (await response.json()) as FileValue[];
    expect(values).toEqual([
      { path: expect.stringMatching(/\/[0-9a-f]{32}\/cat\.txt$/), url: expect.stringMatching(/^files\/[0-9a-f]{32}$/), name: "cat.txt", size: 4, mimeType: "text/plain" },
      expect.objectContaining({ name: "dog.png", size: 4, mimeType: "image/png" }),
    ]);
    expect(readFileSync(values[0]!.path, "utf8")).toBe("meow");
    const served = await fetch(new URL(values[0]!.url, url));
    expect(served.status).toBe(200);
    expect(await served.text()).toBe("meow");
    expect(Object.fromEntries(["content-type", "content-length", "content-disposition", "x-content-type-options", "accept-ranges"].map((h) => [h, served.headers.get(h)]))).toEqual({
      "content-type": "text/plain; charset=utf-8",
      "content-length": "4",
      "content-disposition": `inline; filename="cat.txt"; filename*=UTF-8''cat.txt`,
      "x-content-type-options": "nosniff",
      "accept-ranges": "bytes",
    });
  });

  test.each([
    ["HTML", "page.html", "<script>alert(document.cookie)</script>", "image/png", "text/html; charset=utf-8"],
    ["SVG", "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/png", "image/svg+xml"],
    ["XML", "feed.xml", "<x/>", "image/png", "application/xml"],
    ["HTML declared under an unknown extension", "page.weird", "<script>alert(1)</script>", "text/html", "text/html; charset=utf-8"],
    ["an unknown type", "tool.exe", "MZ", undefined, "application/octet-stream"],
  ])("an active or unknown type (%s) is only ever a download, sandboxed, never sniffed", async (_kind, name, body, declared, type) => {
    const { url } = await serve(app());
    const value = await uploadOne(url, name, body, declared);
    const served = await fetch(new URL(value.url, url));
    expect(served.headers.get("content-type")).toBe(type);
    expect(served.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  });

  test("HTML bytes under an image's name are served as that image, which no browser runs", async () => {
    const { url } = await serve(app());
    const value = await uploadOne(url, "cat.png", "<html><script>alert(1)</script>", "text/html");
    const served = await fetch(new URL(value.url, url));
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("Range: a part (206), a suffix, a range past the end (416), several ranges (the whole file)", async () => {
    const { url } = await serve(app());
    const value = await uploadOne(url, "digits.txt", "0123456789");
    const get = (range: string) => fetch(new URL(value.url, url), { headers: { range } });
    const part = await get("bytes=2-5");
    expect([part.status, part.headers.get("content-range"), part.headers.get("content-length"), await part.text()]).toEqual([206, "bytes 2-5/10", "4", "2345"]);
    const suffix = await get("bytes=-3");
    expect([suffix.status, await suffix.text()]).toEqual([206, "789"]);
    const open = await get("bytes=8-");
    expect([open.status, open.headers.get("content-range"), await open.text()]).toEqual([206, "bytes 8-9/10", "89"]);
    const past = await get("bytes=10-20");
    expect([past.status, past.headers.get("content-range")]).toEqual([416, "bytes */10"]);
    const several = await get("bytes=0-1,4-5");
    expect([several.status, await several.text()]).toEqual([200, "0123456789"]);
  });

  test("a hostile file name can't break Content-Disposition: quotes, a CR/LF header injection, non-ASCII", async () => {
    const { url } = await serve(app());
    const boundary = "----blockwork-test";
    const part = (disposition: string) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; ${disposition}\r\nContent-Type: text/plain\r\n\r\nx\r\n`);
    const body = Buffer.concat([
      part(`filename="r\u00e9sum\u00e9 \\"final\\"; x=1.txt"`),
      part(`filename*=UTF-8''evil%0D%0AX-Injected%3A%201%0D%0A.txt`),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const answer = await rawRequest(url, {
      method: "POST",
      path: "/upload",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": body.length },
      body: (write) => void write(body),
    });
    expect(answer.status).toBe(200);
    const [quoted, injected] = JSON.parse(answer.body) as FileValue[];
    expect(quoted!.name).toBe('résumé "final"; x=1.txt');
    expect(injected!.name).toBe("evil__X-Injected: 1__.txt");
    const first = await fetch(new URL(quoted!.url, url));
    expect(first.headers.get("content-disposition")).toBe(`inline; filename="r_sum_ _final__ x=1.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%3B%20x%3D1.txt`);
    const second = await rawRequest(url, { method: "GET", path: `/${injected!.url}` });
    expect(second.headers["x-injected"]).toBeUndefined();
    expect(second.headers["content-disposition"]).toBe(`inline; filename="evil__X-Injected: 1__.txt"; filename*=UTF-8''evil__X-Injected%3A%201__.txt`);
  });

  test("an over-size file is refused with too_large naming the limit, nothing is left of it, and the server keeps serving", async () => {
    const dir = tempCacheDir();
    const { url, logged } = await serve(app(), { cacheDir: dir, maxFileBytes: 1_000 });
    const boundary = "----blockwork-big";
    const answer = await rawRequest(url, {
      method: "POST",
      path: "/upload",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body: async (write) => {
        write(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\n\r\n`));
        // Far more than the limit: the server answers once the file passes it, and closes the connection.
        for (let i = 0; i < 2_000; i++) {
          if (!write(Buffer.alloc(16_384, 1))) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      },
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: "too_large", message: '"big.bin" is larger than the limit of 1 kB per file: the server accepts files of at most 1 kB (maxFileBytes).' },
    });
    expect(cachedEntries(dir)).toEqual([]);
    expect(logged).toEqual([]);
    expect((await fetch(`${url}config`)).status).toBe(200);
    const small = await uploadOne(url, "small.txt", "fits");
    expect(readFileSync(small.path, "utf8")).toBe("fits");
  });

  test("a client that goes away mid-upload leaves nothing in the cache", async () => {
    const dir = tempCacheDir();
    const { url } = await serve(app(), { cacheDir: dir });
    const boundary = "----blockwork-cut";
    await rawRequest(url, {
      method: "POST",
      path: "/upload",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body: async (write) => {
        write(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cut.bin"\r\n\r\n`));
        write(Buffer.alloc(100_000, 2));
        // Wait until the server has started writing the file, then drop the connection.
        await until(() => cachedEntries(dir).length > 0, 15_000);
        throw new Error("cut");
      },
    }).catch(() => undefined);
    await until(() => cachedEntries(dir).length === 0, 15_000);
    expect((await fetch(`${url}config`)).status).toBe(200);
  });

  test.each([
    ["not multipart", { "content-type": "application/json" }, "{}", 415],
    ["a multipart body with no boundary", { "content-type": "multipart/form-data" }, "x", 415],
    ["a malformed multipart body", { "content-type": "multipart/form-data; boundary=zz" }, "--zz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\"\r\n\r\nabc", 400],
    ["no file", { "content-type": "multipart/form-data; boundary=zz" }, "--zz--\r\n", 400],
    ["a file in another field", { "content-type": "multipart/form-data; boundary=zz" }, '--zz\r\nContent-Disposition: form-data; name="other"; filename="a.txt"\r\n\r\nabc\r\n--zz--\r\n', 400],
  ])("refuses %s with a validation error, and goes on serving", async (_name, headers, body, status) => {
    const dir = tempCacheDir();
    const { url } = await serve(app(), { cacheDir: dir });
    const answer = await rawRequest(url, { method: "POST", path: "/upload", headers: { ...headers, "content-length": Buffer.byteLength(body) }, body: (write) => void write(Buffer.from(body)) });
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "validation", message: expect.any(String) } });
    expect(cachedEntries(dir)).toEqual([]);
    expect((await fetch(`${url}config`)).status).toBe(200);
  });

  test("GET upload is not allowed; files/ answers 404 for ids never issued and for traversal", async () => {
    const { url } = await serve(app());
    expect((await fetch(`${url}upload`)).status).toBe(405);
    for (const path of [`/files/${"0".repeat(32)}`, "/files/..%2f..%2fetc%2fpasswd", "/files/../../etc/passwd", "/files/", `/files/${"A".repeat(32)}`]) {
      const answer = await rawRequest(url, { method: "GET", path });
      expect([path, answer.status]).toEqual([path, 404]);
    }
  });

  test("with auth, an upload without the login cookie is refused and nothing is stored; with it, it works", async () => {
    const dir = tempCacheDir();
    const { url } = await serve(app(), { cacheDir: dir, auth: [["ada", "lovelace"]] });
    const refused = await upload(url, [["a.txt", "x"]]);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: expect.stringContaining("Log in first") } });
    expect(cachedEntries(dir)).toEqual([]);
    const login = await fetch(`${url}login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "ada", password: "lovelace" }) });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const accepted = await upload(url, [["a.txt", "x"]], { headers: { cookie } });
    expect(accepted.status).toBe(200);
    const [value] = (await accepted.json()) as FileValue[];
    expect((await fetch(new URL(value!.url, url))).status).toBe(401);
    expect((await fetch(new URL(value!.url, url), { headers: { cookie } })).status).toBe(200);
  });

  test("another site's page can't upload", async () => {
    const dir = tempCacheDir();
    const { url } = await serve(app(), { cacheDir: dir });
    expect((await upload(url, [["a.txt", "x"]], { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect(cachedEntries(dir)).toEqual([]);
  });

  test("a shared cache: a file uploaded to one process is served by another on the same folder, and outlives it", async () => {
    const dir = tempCacheDir();
    const first = await serve(app(), { cacheDir: dir, sharedCache: true });
    const second = await serve(app(), { cacheDir: dir, sharedCache: true });
    const value = await uploadOne(first.url, "shared.txt", "across processes");
    await first.server.close();
    expect(await (await fetch(new URL(value.url, second.url))).text()).toBe("across processes");
  });

  test("a private cache is removed at shutdown", async () => {
    const dir = tempCacheDir();
    const { url, server } = await serve(app(), { cacheDir: dir });
    await uploadOne(url, "gone.txt", "soon");
    expect(cachedEntries(dir)).toHaveLength(2);
    await server.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("deleteCache [60, 300] runs on the app's clock: a file goes once it is older than five minutes", async () => {
    const dir = tempCacheDir();
    const clock = new FakeClock();
    const { url } = await serve(app(), { cacheDir: dir, clock, deleteCache: [60, 300] });
    const value = await uploadOne(url, "old.txt", "old");
    // A minute of the app's time per look: each sweep is timed from the end of the last (cache-cleanup.test.ts
    // pins the exact ages), so time moves on until one finds the file old enough.
    await until(() => {
      clock.advance(60_000);
      return cachedEntries(dir).length === 0;
    }, 15_000);
    expect(clock.now()).toBeGreaterThan(300_000);
    expect((await fetch(new URL(value.url, url))).status).toBe(404);
  });

  test.each([
    [{ maxFileBytes: 0 }, "maxFileBytes must be a positive whole number"],
    [{ maxFileBytes: 2_000, maxCacheBytes: 1_000 }, "maxCacheBytes must be a whole number of bytes of at least maxFileBytes (2000)"],
    [{ sharedCache: true }, "sharedCache needs the cacheDir that the processes share"],
    [{ deleteCache: [0, 10] as const }, "deleteCache must be [everySeconds > 0, olderThanSeconds >= 0]"],
  ])("refuses options that can't work: %j", (options, message) => {
    expect(() => createAppHost(app(), options)).toThrow(message);
  });
});
