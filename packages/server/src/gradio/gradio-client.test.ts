/**
 * Issue 12, must-show 1: the real `@gradio/client` from npm, unchanged, against Blockwork's demos. (Gradio's Python
 * client speaks the same wire but can't run here: no Python packages can be installed on this machine.)
 */
import { Client, handle_file, type Status } from "@gradio/client";
import { describe, expect, test } from "vitest";
import chatStream from "../../../../demos/chat_stream/app.tsx";
import cluster from "../../../../demos/cluster/app.tsx";
import files from "../../../../demos/files/app.tsx";
import imageFilter from "../../../../demos/image_filter/app.tsx";
import hello from "../../../../demos/hello/app.tsx";
import login, { launchOptions as loginOptions } from "../../../../demos/login/app.tsx";
import progress from "../../../../demos/progress/app.tsx";
import { serveCluster } from "../integration/cluster-harness.ts";
import { serve } from "../integration/harness.ts";

type Event = { type: "data"; data: unknown[] } | ({ type: "status" } & Status);

/** A submission's events as they arrive, with a way to wait for one. */
class Trace extends Array<Event> {
  #waiters: { readonly test: (event: Event) => boolean; readonly resolve: () => void }[] = [];

  add(event: Event): void {
    this.push(event);
    for (const waiter of this.#waiters.filter((w) => w.test(event))) waiter.resolve();
    this.#waiters = this.#waiters.filter((w) => !w.test(event));
  }

  /** Resolves once an event that passes `test` has arrived. */
  until(test: (event: Event) => boolean): Promise<void> {
    if (this.some(test)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }
}

/** Every event of a submission until its end (complete or error). */
async function events(job: AsyncIterable<unknown>, seen = new Trace()): Promise<Trace> {
  for await (const event of job as AsyncIterable<Event>) {
    seen.add(event);
    if (event.type === "status" && (event.stage === "complete" || event.stage === "error")) break;
  }
  return seen;
}

async function connect(url: string): Promise<Client> {
  return Client.connect(url, { events: ["data", "status"] });
}

const gates = (url: string) => ({
  release: (count = 1) => fetch(new URL("__test/release", url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count }) }),
  record: async () => (await (await fetch(new URL("__test/record", url))).json()) as { held: number; events: { type: string; apiName: string }[] },
});

describe("@gradio/client 2.7.0 calls a Blockwork app unchanged", () => {
  test("connect and view_api list each endpoint with its parameters and return values", async () => {
    const { url } = await serve(hello);
    const client = await connect(url);
    const api = (await client.view_api()) as unknown as { named_endpoints: Record<string, unknown> };
    expect(api.named_endpoints["/greet"]).toMatchObject({
      parameters: [{ label: "Name", component: "Textbox", type: "string", parameter_name: "name" }],
      returns: [{ label: "Greeting", component: "Textbox" }],
    });
    client.close();
  });

  test("predict answers with the handler's data; a BlockworkError rejects with its message", async () => {
    const { url } = await serve(hello);
    const client = await connect(url);
    expect((await client.predict("/greet", ["Ada"])).data).toEqual(["Hello, Ada!"]);
    await expect(client.predict("/greet", [" "])).rejects.toMatchObject({ message: "Please enter a name first." });
    // By keyword, as Gradio's clients allow, with the parameter name from /info.
    expect((await client.predict("/greet", { name: "Grace" })).data).toEqual(["Hello, Grace!"]);
    client.close();
  });

  test("a limit-1 queue of three jobs: each hears its position fall, then runs in turn and gets its result", async () => {
    const { url } = await serve(cluster, { testGates: true });
    const gate = gates(url);
    const client = await connect(url);
    const traces = [new Trace(), new Trace(), new Trace()];
    const runs: Promise<Trace>[] = [];
    for (let i = 0; i < 3; i++) {
      // Each join after the previous one's first server status, so that they arrive in order.
      runs.push(events(client.submit("/generate", [`job ${i}`]), traces[i]));
      await traces[i]!.until((e) => e.type === "status" && e.position !== undefined);
    }
    await expect.poll(async () => (await gate.record()).held).toBe(1);
    const positions = (trace: Event[]) => trace.flatMap((e) => (e.type === "status" && e.stage === "pending" && typeof e.position === "number" && e.size !== undefined ? [e.position] : []));
    expect(positions(traces[1]!)).toEqual([0]);
    expect(positions(traces[2]!)).toEqual([1]);
    for (let released = 0; released < 3; released++) {
      // The demo's job takes 1.5 s after its release before the next one reaches the gate.
      await expect.poll(async () => (await gate.record()).held, { timeout: 10_000 }).toBe(1);
      await gate.release(1);
    }
    const done = await Promise.all(runs);
    done.forEach((trace, i) => {
      const data = trace.find((e) => e.type === "data");
      expect(data).toMatchObject({ data: [expect.stringMatching(new RegExp(`^job ${i}, made by process \\d+ on GPU 0$`))] });
      expect(trace.at(-1)).toMatchObject({ type: "status", stage: "complete" });
    });
    expect(positions(traces[2]!)).toEqual([1, 0]);
    client.close();
  });

  test("cancel of a waiting job from a second client: it never runs, ends with a terminal status, and the first job is untouched", async () => {
    const { url } = await serve(cluster, { testGates: true });
    const gate = gates(url);
    const first = await connect(url);
    const second = await connect(url);
    const running = new Trace();
    const blocker = events(first.submit("/generate", ["blocker"]), running);
    await expect.poll(async () => (await gate.record()).held).toBe(1);
    const waiting = new Trace();
    const victim = second.submit("/generate", ["victim"]);
    const victimDone = events(victim, waiting);
    await waiting.until((e) => e.type === "status" && e.position === 0);
    await victim.cancel();
    const ended = await victimDone;
    expect(ended.at(-1)).toMatchObject({ type: "status", stage: "error", message: "The job was cancelled." });

    await gate.release(1);
    const firstTrace = await blocker;
    expect(firstTrace.find((e) => e.type === "data")).toMatchObject({ data: [expect.stringMatching(/^blocker, made by/)] });
    const record = await gate.record();
    expect(record.events.filter((e) => e.type === "start")).toHaveLength(1);
    first.close();
    second.close();
  });

  test("a streaming handler's partials arrive as generating data, growing, then its complete result", async () => {
    const { url } = await serve(chatStream);
    const client = await connect(url);
    const trace = await events(client.submit("/respond", [[{ role: "user", content: "hi" }]]));
    const replies = trace.flatMap((e) => (e.type === "data" ? [(e.data[0] as { content: string }[]).at(-1)!.content] : []));
    expect(replies.length).toBeGreaterThan(3);
    expect(replies.at(-1)).toBe("You said **hi**. Here is my answer, streamed one word at a time, with *Markdown*.");
    for (let i = 1; i < replies.length; i++) expect(replies[i]!.startsWith(replies[i - 1]!)).toBe(true);
    expect(trace.some((e) => e.type === "status" && e.stage === "generating")).toBe(true);
    client.close();
  });

  test("progress reaches the client as progress_data with its description and counts", async () => {
    const { url } = await serve(progress);
    const client = await connect(url);
    const trace = await events(client.submit("/process", ["abc"]));
    const progressData = trace.flatMap((e) => (e.type === "status" && e.progress_data ? e.progress_data : []));
    expect(progressData).toContainEqual(expect.objectContaining({ desc: "Loading model" }));
    expect(progressData).toContainEqual(expect.objectContaining({ desc: "Processing letters", length: 3 }));
    expect(trace.find((e) => e.type === "data")).toMatchObject({ data: ["ABC"] });
    client.close();
  });

  test("with the Redis queue, behind a balancer with no stickiness: its joins and its stream land on different processes", async () => {
    const { proxyUrl } = await serveCluster(() => hello, 2);
    const client = await connect(proxyUrl);
    // Calls at once take several connections, which the proxy spreads over both processes; the stream is on one.
    const names = ["Ada", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Alan", "Margaret"];
    const answers = await Promise.all(names.map((name) => client.predict("/greet", [name])));
    expect(answers.map((answer) => answer.data)).toEqual(names.map((name) => [`Hello, ${name}!`]));
    client.close();
  });

  test("login to an app with auth, as Gradio's client does it (a form posted to login), then calls", async () => {
    const { url } = await serve(login, loginOptions);
    await expect(Client.connect(url, { auth: ["admin", "wrong"] })).rejects.toThrow();
    const client = await Client.connect(url, { auth: ["admin", "blockwork"], events: ["data", "status"] });
    const endpoint = Object.keys(((await client.view_api()) as unknown as { named_endpoints: Record<string, unknown> }).named_endpoints)[0]!;
    expect((await client.predict(endpoint, ["a secret"])).data).toEqual([expect.stringMatching(/^Saved for session [\w-]+: a secret$/)]);
    client.close();
  });

  test("files: handle_file uploads through /gradio_api/upload, the handler gets file values, and the results' URLs download their bytes", async () => {
    const { url } = await serve(files);
    const client = await connect(url);
    const notes = new File(["first notes"], "notes.txt", { type: "text/plain" });
    const list = new File(["a,b\n1,2"], "list.csv", { type: "text/csv" });
    const { data } = await client.predict("/shout", [[handle_file(notes), handle_file(list)]]);
    const [shouted, summary] = data as [{ url: string; orig_name: string; size: number; mime_type: string; meta: unknown }[], string];
    expect(summary).toBe("2 files, 18 bytes: notes.txt, list.csv");
    expect(shouted.map((f) => [f.orig_name, f.size, f.meta])).toEqual([
      ["notes.shouted.txt", 11, { _type: "gradio.FileData" }],
      ["list.shouted.csv", 7, { _type: "gradio.FileData" }],
    ]);
    const downloads = await Promise.all(shouted.map(async (f) => (await fetch(f.url)).text()));
    expect(downloads).toEqual(["FIRST NOTES", "A,B\n1,2"]);
    // view_api types the parameter as what handle_file gives, from /info's legacy `serializer`.
    const api = (await client.view_api()) as unknown as { named_endpoints: Record<string, { parameters: { type: string; python_type: { type: string } }[] }> };
    expect(api.named_endpoints["/shout"]!.parameters[0]).toMatchObject({ type: "(Blob | File | Buffer)[]", python_type: { type: "List[filepath]" } });
    client.close();
  });

  test("image_filter: a Blob, then a Buffer (uploaded untyped, typed by its bytes), into an Image; a stored data: URI out", async () => {
    const { url } = await serve(imageFilter);
    const client = await connect(url);
    // A PNG's signature and header, enough for the demo to read its size (3×2).
    const png = Buffer.alloc(24);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(0x0d0a1a0a, 4);
    png.write("IHDR", 12, "latin1");
    png.writeUInt32BE(3, 16);
    png.writeUInt32BE(2, 20);
    const { data } = await client.predict("/applyFilter", [handle_file(new Blob([png], { type: "image/png" })), "invert"]);
    const [filtered, info] = data as [{ url: string; mime_type: string }, string];
    expect(info).toBe("blob: 3×2, 24 bytes, invert");
    expect(filtered.mime_type).toBe("image/svg+xml");
    const svg = await (await fetch(filtered.url)).text();
    expect(svg).toContain(`href="data:image/png;base64,${png.toString("base64")}"`);
    // A Buffer goes up as an untyped "blob": its PNG signature makes it an image, which the Image's `image/*` takes.
    const fromBuffer = await client.predict("/applyFilter", [handle_file(png), "grayscale"]);
    expect((fromBuffer.data as unknown[])[1]).toBe("blob: 3×2, 24 bytes, grayscale");
    // Bytes that are no image are still refused by the Image's types, before the handler runs.
    await expect(client.predict("/applyFilter", [handle_file(Buffer.from("plain words")), "invert"])).rejects.toMatchObject({
      message: expect.stringMatching(/^applyFilter: input 1 \("Photo", an Image\) .*image\/\*/),
    });
    client.close();
  });

  test("a forged path or a remote URL is refused at the join (before any handler) with a clear error", async () => {
    const { url } = await serve(files);
    const client = await connect(url);
    await expect(client.predict("/shout", [[{ path: "/etc/passwd", meta: { _type: "gradio.FileData" } }]])).rejects.toMatchObject({
      message: 'shout: input 1 ("Text files", a FileBox) (file 1) expects a file this server issued (POST upload answers them); got the path "/etc/passwd", which is not a file it issued.',
    });
    // handle_file(url) makes a FileData that names the URL rather than uploading: Gradio's server would fetch it.
    await expect(client.predict("/shout", [[handle_file("https://example.com/notes.txt")]])).rejects.toMatchObject({
      message: expect.stringContaining('got the URL "https://example.com/notes.txt", and this server never fetches URLs: upload the file first'),
    });
    client.close();
  });

  test("an upload past maxFileBytes is refused with too_large naming the limit; the call then says its upload failed", async () => {
    const { url } = await serve(files, { maxFileBytes: 1000 });
    const client = await connect(url);
    const big = new File(["x".repeat(2048)], "big.txt", { type: "text/plain" });
    const answer = await client.upload_files(url.replace(/\/$/, ""), [big]);
    expect(answer.error).toMatch(/^HTTP 413: .*"code":"too_large".*at most 1 kB \(maxFileBytes\)/);
    await expect(client.predict("/shout", [[handle_file(big)]])).rejects.toMatchObject({ message: expect.stringContaining("did the file's upload fail?") });
    client.close();
  });
});
