import { describe, expect, test } from "vitest";
import cluster from "../../../../demos/cluster/app.tsx";
import hello from "../../../../demos/hello/app.tsx";
import { serve } from "../integration/harness.ts";

interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** `POST …/call/<api>` as curl would send it: the answer's status and JSON body. */
async function call(url: string, apiName: string, data: unknown[]): Promise<{ status: number; body: { event_id?: string; error?: string } }> {
  const res = await fetch(new URL(`gradio_api/call/${apiName}`, url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ data }) });
  return { status: res.status, body: (await res.json()) as { event_id?: string; error?: string } };
}

/** Reads `GET …/call/<api>/<id>` until the stream ends; `seen` fills as events arrive. */
async function stream(url: string, apiName: string, eventId: string, seen: SseEvent[] = []): Promise<SseEvent[]> {
  const res = await fetch(new URL(`gradio_api/call/${apiName}/${eventId}`, url));
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const frame = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      seen.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
    }
  }
  return seen;
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
});
