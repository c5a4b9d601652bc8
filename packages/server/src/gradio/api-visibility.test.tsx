import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import { Client as GradioClient } from "@gradio/client";
import { io } from "socket.io-client";
import { describe, expect, test } from "vitest";
import { connect, serve } from "../integration/harness.ts";

const text = Textbox({ label: "Text" });
const shout = (s: string): string => s.toUpperCase();
const app = (
  <Blocks>
    {text}
    <Button onClick={listener(shout, { inputs: [text], outputs: [text], apiName: "open" })}>Open</Button>
    <Button onClick={listener(shout, { inputs: [text], outputs: [text], apiName: "quiet", apiVisibility: "undocumented" })}>Quiet</Button>
    <Button onClick={listener(shout, { inputs: [text], outputs: [text], apiName: "mine", apiVisibility: "private" })}>Mine</Button>
  </Blocks>
);

async function rest(url: string, apiName: string): Promise<{ status: number; body: { event_id?: string; error?: string } }> {
  const res = await fetch(new URL(`gradio_api/call/${apiName}`, url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ data: ["hi"] }) });
  return { status: res.status, body: (await res.json()) as { event_id?: string; error?: string } };
}

describe("apiVisibility", () => {
  test("public is listed and callable; undocumented is callable but not listed; private is refused by the API doors", async () => {
    const { url } = await serve(app);
    const info = (await (await fetch(new URL("gradio_api/info", url))).json()) as { named_endpoints: Record<string, unknown> };
    expect(Object.keys(info.named_endpoints)).toEqual(["/open"]);

    expect((await rest(url, "open")).status).toBe(200);
    expect((await rest(url, "quiet")).status).toBe(200);
    expect(await rest(url, "mine")).toMatchObject({ status: 422, body: { error: "mine is private: only the app's own page may call it." } });

    const gradio = await GradioClient.connect(url);
    expect((await gradio.predict("/quiet", ["hi"])).data).toEqual(["HI"]);
    await expect(gradio.predict("/mine", ["hi"])).rejects.toMatchObject({ message: "mine is private: only the app's own page may call it." });
    gradio.close();

    // Blockwork's own client is an API client too (a socket without a browser's Origin).
    const client = await connect(url);
    await expect(client.predict("mine", ["hi"])).rejects.toMatchObject({ code: "unknown_api" });
    expect(await client.predict("quiet", ["hi"])).toEqual(["HI"]);
  });

  test("the app's page (a socket that carries the app's Origin, as a browser's does) may call a private listener", async () => {
    const { url } = await serve(app);
    const socket = io(url, { transports: ["websocket"], extraHeaders: { origin: new URL(url).origin } });
    await new Promise<void>((resolve) => socket.once("hello", () => resolve()));
    const reply = await new Promise<{ ok: boolean }>((resolve) => socket.emit("join", { apiName: "mine", data: ["hi"] }, resolve));
    expect(reply).toMatchObject({ ok: true });
    socket.close();
  });
});
