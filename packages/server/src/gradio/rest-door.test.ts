import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { snippetsFor, type EndpointInfo } from "../../../ui/src/api/snippets.ts";
import cluster from "../../../../demos/cluster/app.tsx";
import files from "../../../../demos/files/app.tsx";
import hello from "../../../../demos/hello/app.tsx";
import login, { launchOptions as loginOptions } from "../../../../demos/login/app.tsx";
import { serveCluster } from "../integration/cluster-harness.ts";
import { serve } from "../integration/harness.ts";
import { readSse, type SseEvent } from "../testing/read-sse.ts";

/** `POST …/call/<api>` as curl would send it: the answer's status and JSON body. */
async function call(url: string, apiName: string, data: unknown[]): Promise<{ status: number; body: { event_id?: string; error?: string } }> {
  const res = await fetch(new URL(`gradio_api/call/${apiName}`, url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ data }) });
  return { status: res.status, body: (await res.json()) as { event_id?: string; error?: string } };
}

/** Reads `GET …/call/<api>/<id>` until the stream ends; `seen` fills as events arrive. */
async function stream(url: string, apiName: string, eventId: string, seen: SseEvent[] = []): Promise<SseEvent[]> {
  const res = await fetch(new URL(`gradio_api/call/${apiName}/${eventId}`, url));
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  return readSse(res, seen);
}

const gates = (url: string) => ({
  release: () => fetch(new URL("__test/release", url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: 1 }) }),
  held: async () => ((await (await fetch(new URL("__test/record", url))).json()) as { held: number }).held,
});

describe("REST in Gradio's /call shape", () => {
  test("a call waits in the queue, its stream says where (queued), then completes with the data", async () => {
    const { url } = await serve(cluster, { testGates: true });
    const gate = gates(url);
    const first = await call(url, "generate", ["first"]);
    expect(first.status).toBe(200);
    await expect.poll(gate.held).toBe(1);
    const second = await call(url, "generate", ["second"]);
    const seen: SseEvent[] = [];
    const secondEvents = stream(url, "generate", second.body.event_id!, seen);
    await expect.poll(() => seen.map((e) => e.event)).toEqual(["queued"]);
    expect(seen[0]!.data).toMatchObject({ position: 0, queue_size: 1 });

    await gate.release();
    const firstEvents = await stream(url, "generate", first.body.event_id!);
    expect(firstEvents.at(-1)).toEqual({ event: "complete", data: [expect.stringMatching(/^first, made by process \d+ on GPU 0$/)] });
    await expect.poll(gate.held, { timeout: 10_000 }).toBe(1);
    await gate.release();
    expect((await secondEvents).at(-1)).toEqual({ event: "complete", data: [expect.stringMatching(/^second, made by/)] });
  });

  test("with the Redis queue, a call made through one process is read through another, and waits behind the other's", async () => {
    const { servers } = await serveCluster(() => cluster, 2, { testGates: true });
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const first = await call(a, "generate", ["first"]);
    await expect.poll(gates(a).held).toBe(1);
    const second = await call(b, "generate", ["second"]);
    // Read through the process that did not take it: it waits behind the first, across processes.
    const seen: SseEvent[] = [];
    const secondEvents = stream(a, "generate", second.body.event_id!, seen);
    await expect.poll(() => seen.map((e) => e.event)).toEqual(["queued"]);
    expect(seen[0]!.data).toMatchObject({ position: 0, queue_size: 1 });
    // A second reader of the same call, through b, takes it over: the first is told and ends, never left hanging.
    const takeover = stream(b, "generate", second.body.event_id!);
    expect((await secondEvents).at(-1)).toEqual({ event: "error", data: "This call is being read by another request." });

    await gates(a).release();
    // The first finished before anyone read it: its events waited in Redis for a reader on any process.
    expect((await stream(b, "generate", first.body.event_id!)).at(-1)).toEqual({ event: "complete", data: [expect.stringMatching(/^first, made by/)] });
    // The second runs on whichever process the store hands the freed slot to; its answer reaches its reader.
    const holders = async () => (await Promise.all([a, b].map((url) => gates(url).held()))).map((held, i) => (held > 0 ? i : -1)).filter((i) => i >= 0);
    await expect.poll(holders, { timeout: 10_000 }).toHaveLength(1);
    await gates([a, b][(await holders())[0]!]!).release();
    expect((await takeover).at(-1)).toEqual({ event: "complete", data: [expect.stringMatching(/^second, made by/)] });
  });

  test("a handler's error is an error event with its message; a bad input is a 422 naming the input; an unknown name a 404", async () => {
    const { url } = await serve(hello);
    const failed = await call(url, "greet", [" "]);
    expect(await stream(url, "greet", failed.body.event_id!)).toEqual([{ event: "error", data: "Please enter a name first." }]);

    const bad = await call(url, "greet", [42]);
    expect(bad).toEqual({ status: 422, body: { error: 'greet: input 1 ("Name", a Textbox) expects a string; got the number 42.', code: "validation" } });
    const unknown = await call(url, "nope", []);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/No listener is named "nope"/);
    // A read of a call that does not exist, or that was already read, is a 404 too.
    expect((await fetch(new URL("gradio_api/call/greet/no-such-event", url))).status).toBe(404);
  });

  test("an OpenAPI 3.1 document describes each public listener's call with its inputs' schemas", async () => {
    const { url } = await serve(hello);
    const doc = (await (await fetch(new URL("gradio_api/openapi.json", url))).json()) as { openapi: string; paths: Record<string, { post?: { requestBody: unknown } }> };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/gradio_api/call/greet"]!.post!.requestBody).toMatchObject({
      content: { "application/json": { schema: { properties: { data: { prefixItems: [{ title: "name", type: "string" }], minItems: 1, maxItems: 1 } } } } },
    });
    expect(Object.keys(doc.paths)).toContain("/gradio_api/call/greet/{event_id}");
  });

  test("files: upload to /gradio_api/upload with a plain form, pass the path as FileData, stream the call, download its output", async () => {
    const { url } = await serve(files);
    const form = new FormData();
    form.append("files", new File(["quiet words"], "quiet.txt", { type: "text/plain" }));
    const uploaded = await fetch(new URL("gradio_api/upload?upload_id=abc123", url), { method: "POST", body: form });
    expect(uploaded.status).toBe(200);
    const paths = (await uploaded.json()) as string[];
    expect(paths).toEqual([expect.stringMatching(/[/\\]quiet\.txt$/)]);

    const started = await call(url, "shout", [[{ path: paths[0], meta: { _type: "gradio.FileData" } }]]);
    expect(started.status).toBe(200);
    const events = await stream(url, "shout", started.body.event_id!);
    const [shouted, summary] = events.at(-1)!.data as [{ path: string; url: string; orig_name: string; size: number; mime_type: string; meta: unknown }[], string];
    expect(events.at(-1)!.event).toBe("complete");
    expect(summary).toBe("1 file, 11 bytes: quiet.txt");
    expect(shouted).toEqual([{ path: expect.any(String), url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{32}$/), orig_name: "quiet.shouted.txt", size: 11, mime_type: "text/plain", is_stream: false, meta: { _type: "gradio.FileData" } }]);
    expect(await (await fetch(shouted[0]!.url)).text()).toBe("QUIET WORDS");
  });

  test("files: Blockwork's own upload answer is taken as it is; a forged path is a 422 naming the input", async () => {
    const { url } = await serve(files);
    const form = new FormData();
    form.append("files", new File(["own"], "own.md", { type: "text/markdown" }));
    const [value] = (await (await fetch(new URL("upload", url), { method: "POST", body: form })).json()) as unknown[];
    const events = await stream(url, "shout", (await call(url, "shout", [[value]])).body.event_id!);
    expect(events.at(-1)).toMatchObject({ event: "complete", data: [[{ orig_name: "own.shouted.md", size: 3 }], "1 file, 3 bytes: own.md"] });

    expect(await call(url, "shout", [[{ path: "/etc/passwd", meta: { _type: "gradio.FileData" } }]])).toEqual({
      status: 422,
      body: { code: "validation", error: 'shout: input 1 ("Text files", a FileBox) (file 1) expects a file this server issued (POST upload answers them); got the path "/etc/passwd", which is not a file it issued.' },
    });
  });

  test("/gradio_api/upload is behind the same origin and login checks as every route", async () => {
    const form = () => {
      const body = new FormData();
      body.append("files", new File(["x"], "x.txt"));
      return body;
    };
    const open = await serve(files);
    const foreign = await fetch(new URL("gradio_api/upload", open.url), { method: "POST", body: form(), headers: { origin: "http://evil.example" } });
    expect(foreign.status).toBe(403);
    const guarded = await serve(login, loginOptions);
    const anonymous = await fetch(new URL("gradio_api/upload", guarded.url), { method: "POST", body: form() });
    expect(anonymous.status).toBe(401);
  });

  test("the README's curl for files, run as shown (but for the port), uploads, calls and downloads the result", async () => {
    const readme = await readFile(new URL("../../../../README.md", import.meta.url), "utf8");
    const script = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.includes("gradio_api/upload"));
    expect(script).toBeDefined();
    const { url } = await serve(files);
    const dir = await mkdtemp(join(tmpdir(), "readme-curl-"));
    try {
      const { stdout } = await promisify(execFile)("sh", ["-c", script!.replaceAll("http://127.0.0.1:7860/", url)], { cwd: dir, timeout: 30_000 });
      expect(stdout).toBe("SOME NOTES\n");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("the API page's curl snippet for a file parameter, run as shown in a folder holding its example file, calls with the upload", async () => {
    const { url } = await serve(files);
    const info = (await (await fetch(new URL("gradio_api/info", url))).json()) as { named_endpoints: Record<string, EndpointInfo> };
    const { curl } = snippetsFor(url, "shout", info.named_endpoints["/shout"]!);
    const dir = await mkdtemp(join(tmpdir(), "api-page-curl-"));
    try {
      await writeFile(join(dir, "file.txt"), "from the api page");
      const { stdout } = await promisify(execFile)("sh", ["-c", curl], { cwd: dir, timeout: 30_000 });
      expect(stdout).toMatch(/^event: complete\ndata: \[\[\{"path":"[^"]+","url":"http:[^"]+","orig_name":"file\.shouted\.txt",.*\],"1 file, 17 bytes: file\.txt"\]\n\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
