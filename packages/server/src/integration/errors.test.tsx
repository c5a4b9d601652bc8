import { Blocks, BlockworkError, Button, ERROR_CODES, listener, Textbox, type JoinReply } from "@blockwork/core";
import { JobError } from "@blockwork/client";
import { io } from "socket.io-client";
import { describe, expect, test } from "vitest";
import { collect, connect, Latch, later, Recorder, serve, track, until } from "./harness.ts";

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

describe("refusals and errors through the real client and server", () => {
  test("maxSize: a join past the waiting limit is refused with queue_full; the accepted jobs still run", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { url } = await serve(holdingApp(record, hold, { maxSize: 2 }));
    const client = await connect(url);
    const accepted = ["a", "b", "c"].map((t) => client.submit("work", [t]));
    await Promise.all(accepted.map((job) => job.joined));
    const refused = await client.predict("work", ["d"]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(JobError);
    expect(refused).toMatchObject({ code: "queue_full", message: expect.stringMatching(/queue is full/i) });
    hold.open();
    expect(await Promise.all(accepted.map((job) => job.result()))).toEqual([["done a"], ["done b"], ["done c"]]);
    expect(record.hasStarted("d")).toBe(false);
  });

  test("BlockworkError shows its message; other errors a generic one with a logged error id; the server goes on", async () => {
    const text = Textbox();
    const check = listener(
      async (kind: string) => {
        if (kind === "user") throw new BlockworkError("The prompt is empty");
        if (kind === "crash") throw new TypeError("db password is hunter2");
        return "fine";
      },
      { inputs: [text], outputs: [text], apiName: "check" },
    );
    const app = (
      <Blocks>
        {text}
        <Button onClick={check}>Check</Button>
      </Blocks>
    );
    const { url, logged } = await serve(app);
    const client = await connect(url);
    await expect(client.predict("check", ["user"])).rejects.toMatchObject({ code: "handler", message: "The prompt is empty" });
    const crash = (await client.predict("check", ["crash"]).catch((e: unknown) => e)) as JobError;
    expect(crash.code).toBe("handler");
    expect(crash.message).toBe(`An error occurred (error id ${crash.errorId})`);
    expect(crash.message).not.toContain("hunter2");
    expect(logged.some((line) => line.includes(crash.errorId!) && line.includes("hunter2"))).toBe(true);
    expect(await client.predict("check", ["ok"])).toEqual(["fine"]);

    const shown = await serve(app, { showError: true });
    const shownClient = await connect(shown.url);
    await expect(shownClient.predict("check", ["crash"])).rejects.toMatchObject({ code: "handler", message: "db password is hunter2" });
  });

  test("malformed messages each get a clear error, nothing is queued, and the server keeps serving", async () => {
    const record = new Recorder();
    const hold = new Latch();
    hold.open();
    const { url } = await serve(holdingApp(record, hold));
    const raw = io(url, { path: "/socket.io", transports: ["websocket"] });
    later(() => raw.disconnect());
    await new Promise((resolve) => raw.once("hello", resolve));
    const send = (event: string, ...args: unknown[]): Promise<JoinReply> => raw.timeout(5000).emitWithAck(event, ...args);

    const cases: [string, unknown[], string, RegExp][] = [
      ["join", ["garbage"], "validation", /join expects an object/],
      ["join", [42], "validation", /join expects an object/],
      ["join", [null], "validation", /join expects an object/],
      ["join", [{ apiName: "nope", data: [] }], "unknown_api", /No listener is named "nope"/],
      ["join", [{ apiName: "work", data: [] }], "validation", /work takes 1 input; got 0/],
      ["join", [{ apiName: "work", data: ["a", "b"] }], "validation", /work takes 1 input; got 2/],
      ["join", [{ apiName: "work", data: "a" }], "validation", /data must be an array/],
      ["join", [{ apiName: "work", data: ["a"], priority: 9 }], "validation", /unknown field\(s\): priority/],
      ["cancel", [{ jobId: 5 }], "validation", /jobId must be a non-empty string/],
      ["cancel", [{ jobId: "not-a-job" }], "validation", /No such job/],
    ];
    for (const [event, args, code, message] of cases) {
      const reply = await send(event, ...args);
      expect(reply, `${event} ${JSON.stringify(args)}`).toEqual({ ok: false, error: { code, message: expect.stringMatching(message) } });
      expect(ERROR_CODES).toContain(code);
    }
    // No acknowledgement: nobody could learn the job's id, so it is ignored. Unknown events are ignored too.
    raw.emit("join", { apiName: "work", data: ["no-ack"] });
    raw.emit("join");
    raw.emit("whatever", { x: 1 });
    raw.emit("cancel", "x");

    const client = await connect(url);
    expect(await client.predict("work", ["real"])).toEqual(["done real"]);
    expect(record.started()).toEqual(["real"]);
    expect(raw.connected).toBe(true);
  });

  test("a client that leaves while waiting: its job keeps its place for the grace period, then leaves and never runs; others are unaffected", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { url } = await serve(holdingApp(record, hold), { waitingGraceMs: 200 });
    const [first, leaving, staying] = await Promise.all([connect(url), connect(url), connect(url)]);
    const running = first.submit("work", ["first"]);
    await until(() => record.hasStarted("first"));
    const dropped = leaving.submit("work", ["leaving"]);
    await dropped.joined;
    const kept = track(staying.submit("work", ["staying"]));
    await until(() => kept.events.length > 0);
    leaving.close();
    const droppedEvents = await collect(dropped);
    expect(droppedEvents.at(-1)).toMatchObject({ type: "error", code: "disconnected" });
    // It waited behind the dropped job, which left the queue after the grace period: its position falls to 0.
    await until(() => kept.events.some((e) => e.type === "queued" && e.position === 0));
    hold.open();
    expect(await running.result()).toEqual(["done first"]);
    const keptEvents = await kept.done;
    expect(keptEvents.map((e) => (e.type === "queued" ? `queued ${e.position}` : e.type))).toEqual(["queued 1", "queued 0", "started", "complete"]);
    expect(record.started()).toEqual(["first", "staying"]);
  });

  test("cancel() while waiting leaves the queue; the job never runs and ends with cancelled", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const { url } = await serve(holdingApp(record, hold));
    const client = await connect(url);
    const running = client.submit("work", ["r"]);
    const waiting = client.submit("work", ["w"]);
    const behind = client.submit("work", ["b"]);
    await behind.joined;
    await waiting.cancel();
    expect((await collect(waiting)).at(-1)).toMatchObject({ type: "error", code: "cancelled" });
    hold.open();
    expect(await running.result()).toEqual(["done r"]);
    expect(await behind.result()).toEqual(["done b"]);
    expect(record.started()).toEqual(["r", "b"]);
  });
});
