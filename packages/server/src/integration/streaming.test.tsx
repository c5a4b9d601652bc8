import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import { describe, expect, test } from "vitest";
import { collect, connect, Latch, Recorder, serve, track, until } from "./harness.ts";

describe("streaming and cancelling a running job", () => {
  test("an async generator streams partial results, then completes with the last; its slot is held until it ends", async () => {
    const text = Textbox();
    const record = new Recorder();
    const type = listener(
      async function* (prompt: string) {
        record.start(prompt);
        let out = "";
        for (const ch of prompt) yield (out += ch);
        record.end(prompt);
      },
      { inputs: [text], outputs: [text], apiName: "type" },
    );
    const { url } = await serve(
      <Blocks>
        {text}
        <Button onClick={type}>Type</Button>
      </Blocks>,
    );
    const client = await connect(url);
    const [first, second] = await Promise.all([collect(client.submit("type", ["abc"])), collect(client.submit("type", ["xy"]))]);
    expect(first.filter((e) => e.type !== "queued")).toEqual([
      { type: "started", eta: null },
      { type: "partial", data: ["a"] },
      { type: "partial", data: ["ab"] },
      { type: "partial", data: ["abc"] },
      { type: "complete", data: ["abc"] },
    ]);
    expect(second.at(-1)).toEqual({ type: "complete", data: ["xy"] });
    expect(record.maxConcurrent()).toBe(1);
  });

  test("cancelling a running job tells the client at once; the next job starts when the handler returns", async () => {
    const text = Textbox();
    const hold = new Latch();
    const record = new Recorder();
    const slow = listener((t: string) => record.around(t, async () => (await hold.opened, t)), { inputs: [text], outputs: [text], apiName: "slow" });
    const { url } = await serve(
      <Blocks>
        {text}
        <Button onClick={slow}>Slow</Button>
      </Blocks>,
    );
    const client = await connect(url);
    const running = client.submit("slow", ["r"]);
    const next = track(client.submit("slow", ["n"]));
    await until(() => record.hasStarted("r") && next.events.length > 0);
    await running.cancel();
    expect((await collect(running)).map((e) => e.type === "error" ? e.code : e.type)).toEqual(["started", "cancelled"]);
    // The cancelled handler still holds the slot (it has no signal to stop on yet), so the next job waits.
    expect(next.events.map((e) => e.type)).toEqual(["queued"]);
    expect(record.started()).toEqual(["r"]);
    hold.open();
    expect((await next.done).at(-1)).toEqual({ type: "complete", data: ["n"] });
    expect(record.events.map((e) => `${e.type} ${e.label}`)).toEqual(["start r", "end r", "start n", "end n"]);
  });
});
