import { handleFile } from "@blockwork/client";
import { Blocks, Button, Image, listener, Textbox, type FileValue, type JoinReply } from "@blockwork/core";
import { io, type Socket } from "socket.io-client";
import { describe, expect, test } from "vitest";
import { connect, Latch, later, Recorder, serve, until } from "./harness.ts";

function holdingApp(record: Recorder, hold: Latch, queue?: { maxSize?: number }) {
  const text = Textbox();
  const work = listener((t: string) => record.around(t, async () => (await hold.opened, `done ${t}`)), { inputs: [text], outputs: [text], apiName: "work" });
  return (
    <Blocks queue={queue}>
      {text}
      <Button onClick={work}>Work</Button>
    </Blocks>
  );
}

async function rawSocket(url: string): Promise<Socket> {
  const raw = io(url, { path: "/socket.io", transports: ["websocket"], reconnection: false });
  later(() => raw.disconnect());
  await new Promise((resolve) => raw.once("hello", resolve));
  return raw;
}

describe("maxPayloadBytes", () => {
  test("an over-size join gets a too_large answer, not a dropped connection; past the hard cap the connection closes", async () => {
    const record = new Recorder();
    const hold = new Latch();
    hold.open();
    const { url } = await serve(holdingApp(record, hold), { maxPayloadBytes: 10_000 });
    const raw = await rawSocket(url);
    const reply: JoinReply = await raw.timeout(5000).emitWithAck("join", { apiName: "work", data: ["x".repeat(20_000)] });
    expect(reply).toEqual({ ok: false, error: { code: "too_large", message: expect.stringMatching(/^The message was \d+ bytes; this server accepts at most 10000 bytes per message\.$/) } });
    // Multi-byte text counts in bytes.
    const wide: JoinReply = await raw.timeout(5000).emitWithAck("join", { apiName: "work", data: ["é".repeat(6_000)] });
    expect(wide).toMatchObject({ ok: false, error: { code: "too_large" } });
    expect(raw.connected).toBe(true);
    expect(await raw.timeout(5000).emitWithAck("join", { apiName: "work", data: ["small"] })).toMatchObject({ ok: true });

    const closed = new Promise<unknown>((resolve) => raw.once("disconnect", (_reason, details) => resolve(details)));
    raw.emit("join", { apiName: "work", data: ["x".repeat(1_100_000)] }, () => {});
    expect(await closed).toMatchObject({ context: { code: 1009 } });
    expect(record.started()).toEqual(["small"]);
  });

  test("the config tells clients the limit, and the client refuses an over-size input before sending it", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { url } = await serve(holdingApp(record, hold), { maxPayloadBytes: 10_000 });
    const client = await connect(url);
    expect(client.config.limits).toEqual({ maxPayloadBytes: 10_000, maxFileBytes: 100_000_000 });
    await expect(client.predict("work", ["x".repeat(20_000)])).rejects.toMatchObject({ code: "too_large", message: expect.stringMatching(/at most 10000 bytes/) });
    expect(record.started()).toEqual([]);
  });

  test("default: 1 MB for every app, one with an Image input too (files are uploaded, not sent in messages)", async () => {
    const picture = Image();
    const text = Textbox();
    const describe = listener((p: FileValue | null) => (p === null ? "none" : `${p.size} bytes`), { inputs: [picture], outputs: [text], apiName: "describe" });
    const { url } = await serve(
      <Blocks>
        {picture}
        {text}
        <Button onClick={describe}>Describe</Button>
      </Blocks>,
    );
    const client = await connect(url);
    expect(client.config.limits).toEqual({ maxPayloadBytes: 1_000_000, maxFileBytes: 100_000_000 });
    const photo = new Uint8Array(3_000_000);
    photo.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await client.predict("describe", [handleFile(new File([photo], "big.png", { type: "image/png" }))])).toEqual(["3000000 bytes"]);
  });
});

describe("caps on waiting jobs", () => {
  test("maxJobsPerSession (default 8): the 9th waiting job of a session is refused with rate_limited; other sessions are not", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { url } = await serve(holdingApp(record, hold));
    const [greedy, other] = await Promise.all([connect(url), connect(url)]);
    const running = greedy.submit("work", ["running"]);
    await until(() => record.hasStarted("running"));
    const waiting = Array.from({ length: 8 }, (_, i) => greedy.submit("work", [`w${i}`]));
    await Promise.all(waiting.map((job) => job.joined));
    expect(waiting.every((job) => job.id !== null)).toBe(true);
    const refused = await greedy.predict("work", ["ninth"]).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/already has 8 jobs waiting/) });
    const fair = other.submit("work", ["other"]);
    await fair.joined;
    expect(fair.id).not.toBeNull();
    hold.open();
    await Promise.all([running.result(), ...waiting.map((job) => job.result()), fair.result()]);
    // Once its jobs have left the queue the session may join again.
    expect(await greedy.predict("work", ["again"])).toEqual(["done again"]);
    expect(record.hasStarted("ninth")).toBe(false);
  });

  test("maxJobsPerIp counts every session from one address (off by default)", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { url } = await serve(holdingApp(record, hold), { maxJobsPerIp: 2, maxJobsPerSession: null });
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    const running = a.submit("work", ["running"]);
    await until(() => record.hasStarted("running"));
    const queued = [a.submit("work", ["a1"]), b.submit("work", ["b1"])];
    await Promise.all(queued.map((job) => job.joined));
    await expect(b.predict("work", ["b2"])).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/address already has 2 jobs waiting/) });
    hold.open();
    await Promise.all([running.result(), ...queued.map((job) => job.result())]);
  });
});

describe("admission control", () => {
  test("a full queue refuses with queue_full and a retryAfterMs estimated from the ETA", async () => {
    const record = new Recorder();
    let hold = new Latch();
    hold.open();
    const text = Textbox();
    const work = listener((t: string) => record.around(t, async () => (await hold.opened, t)), { inputs: [text], outputs: [text], apiName: "work" });
    const { url } = await serve(
      <Blocks queue={{ maxSize: 1 }}>
        {text}
        <Button onClick={work}>Work</Button>
      </Blocks>,
    );
    const client = await connect(url);
    // One finished job gives the queue its ETA.
    expect(await client.predict("work", ["warm-up"])).toEqual(["warm-up"]);
    hold = new Latch();
    const running = client.submit("work", ["running"]);
    await until(() => record.hasStarted("running"));
    const waiting = client.submit("work", ["waiting"]);
    await waiting.joined;
    const full = await client.predict("work", ["refused"]).catch((error: unknown) => error);
    expect(full).toMatchObject({ code: "queue_full", retryAfterMs: expect.any(Number) });
    expect((full as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    hold.open();
    expect(await Promise.all([running.result(), waiting.result()])).toEqual([["running"], ["waiting"]]);
  });
});
