import { Blocks, Button, Image, listener, Textbox } from "@blockwork/core";
import type { JobEvent } from "@blockwork/client";
import { describe, expect, test } from "vitest";
import { collect, connect, serve, sleep, until } from "./harness.ts";

function faultyApp() {
  const text = Textbox({ label: "Text" });
  const picture = Image({ label: "Picture" });
  const fault = listener(
    async (kind: string): Promise<[string, string | null]> => {
      await sleep(5);
      if (kind === "throw-sync") throw new Error("db password is hunter2");
      if (kind === "reject") return Promise.reject(new TypeError("undefined is not a function"));
      if (kind === "count") return ["only one"] as unknown as [string, string | null];
      if (kind === "bad-value") return ["fine", "javascript:alert(1)"];
      if (kind === "bad-type") return [{ not: "text" } as unknown as string, null];
      return [`ok ${kind}`, null];
    },
    { inputs: [text], outputs: [text, picture], apiName: "fault", concurrencyLimit: null },
  );
  const hang = listener((_t: string) => new Promise<string>(() => {}), { inputs: [text], outputs: [text], apiName: "hang", timeout: 300, concurrencyLimit: null });
  const stream = listener(
    async function* (_t: string) {
      yield "first";
      yield 42 as unknown as string;
      yield "never";
    },
    { inputs: [text], outputs: [text], apiName: "stream" },
  );
  const syncThrow = listener(
    (_t: string): string => {
      throw new Error("thrown before any await");
    },
    { inputs: [text], outputs: [text], apiName: "syncThrow" },
  );
  return (
    <Blocks>
      {text}
      {picture}
      <Button onClick={fault}>Fault</Button>
      <Button onClick={hang}>Hang</Button>
      <Button onClick={stream}>Stream</Button>
      <Button onClick={syncThrow}>Sync throw</Button>
    </Blocks>
  );
}

const errorOf = (events: JobEvent[]) => events.find((e) => e.type === "error");

describe("handler faults reach their own user only, as clear errors", () => {
  test("throws, rejections, timeouts, wrong output counts and values an output can't show", async () => {
    const { url, logged } = await serve(faultyApp());
    const [victim, bystander] = await Promise.all([connect(url), connect(url)]);
    // The bystander keeps running good jobs on the same listener, concurrently with every fault.
    const good = Array.from({ length: 20 }, (_, i) => bystander.submit("fault", [`b${i}`]));
    const faults = {
      throwSync: victim.submit("fault", ["throw-sync"]),
      reject: victim.submit("fault", ["reject"]),
      count: victim.submit("fault", ["count"]),
      badValue: victim.submit("fault", ["bad-value"]),
      badType: victim.submit("fault", ["bad-type"]),
      hang: victim.submit("hang", ["x"]),
      stream: victim.submit("stream", ["x"]),
      syncThrow: victim.submit("syncThrow", ["x"]),
    };
    const events = Object.fromEntries(await Promise.all(Object.entries(faults).map(async ([name, job]) => [name, await collect(job)] as const)));

    const generic = { code: "handler", message: expect.stringMatching(/^An error occurred \(error id [0-9a-f]{6}\)$/), errorId: expect.any(String) };
    expect(errorOf(events.throwSync!)).toMatchObject(generic);
    expect(errorOf(events.reject!)).toMatchObject(generic);
    expect(errorOf(events.syncThrow!)).toMatchObject(generic);
    expect(errorOf(events.count!)).toMatchObject({ code: "handler", message: expect.stringMatching(/fault returned an array of 1; its listener has 2 outputs/) });
    expect(errorOf(events.badValue!)).toMatchObject({
      code: "handler",
      message: expect.stringMatching(/^fault returned a value its output can't show: output "Picture", an Image expects a path, an http\(s\) URL, a data:image URI, bytes or a file value; got the string "javascript:alert\(1\)"\.$/),
    });
    expect(errorOf(events.badType!)).toMatchObject({ code: "handler", message: expect.stringMatching(/output "Text", a Textbox expects a string; got an object/) });
    expect(errorOf(events.hang!)).toMatchObject({ code: "timeout", message: "hang ran longer than its 300 ms timeout and was stopped." });
    // A stream fails at its first bad value, after the good partial it already showed; the generator is closed.
    expect(events.stream!.filter((e) => e.type === "partial")).toEqual([{ type: "partial", data: ["first"] }]);
    expect(errorOf(events.stream!)).toMatchObject({ code: "handler", message: expect.stringMatching(/stream returned a value its output can't show: .*got the number 42/) });
    for (const name of Object.keys(faults)) expect(events[name]!.some((e) => e.type === "complete"), name).toBe(false);
    // The real error is only in the server's log, under the id the user saw.
    const id = (errorOf(events.throwSync!) as { errorId: string }).errorId;
    expect(logged.some((line) => line.includes(id) && line.includes("hunter2"))).toBe(true);

    const bystanderEvents = await Promise.all(good.map((job) => collect(job)));
    bystanderEvents.forEach((jobEvents, i) => {
      expect(jobEvents.some((e) => e.type === "error")).toBe(false);
      expect(jobEvents.at(-1)).toEqual({ type: "complete", data: [`ok b${i}`, null] });
    });
    expect(await victim.predict("fault", ["after"])).toEqual(["ok after", null]);
  });

  test("a handler that blocks the event loop for 2 s: every other connection survives, and the lag is logged with its name", async () => {
    const text = Textbox();
    const block = listener(
      (t: string) => {
        const until = Date.now() + 2000;
        while (Date.now() < until) {
          // CPU-bound work on the loop: what the README says not to do.
        }
        return t;
      },
      { inputs: [text], outputs: [text], apiName: "crunch" },
    );
    const echo = listener((t: string) => t, { inputs: [text], outputs: [text], apiName: "echo", concurrencyLimit: null });
    const { url, logged } = await serve(
      <Blocks>
        {text}
        <Button onClick={block}>Crunch</Button>
        <Button onClick={echo}>Echo</Button>
      </Blocks>,
    );
    const others = await Promise.all(Array.from({ length: 8 }, () => connect(url)));
    for (const client of others) client.submit("echo", ["warm"]);
    const blocker = await connect(url);
    const sessionIds = others.map((c) => c.sessionId);
    expect(await blocker.predict("crunch", ["done"])).toEqual(["done"]);
    await until(() => logged.some((line) => line.includes("event loop was blocked")));
    const line = logged.find((l) => l.includes("event loop was blocked"))!;
    expect(line).toMatch(/^the event loop was blocked for (\d{4}) ms \(listener "crunch" ran synchronously for \d{4} ms\); move CPU-bound work off the loop/);
    expect(Number(/blocked for (\d+) ms/.exec(line)![1])).toBeGreaterThanOrEqual(1900);
    // Every other connection is still the same session, never resumed (so never reconnected), and works.
    const results = await Promise.all(others.map((client, i) => client.predict("echo", [`after ${i}`])));
    expect(results).toEqual(others.map((_, i) => [`after ${i}`]));
    others.forEach((client, i) => {
      expect(client.sessionId).toBe(sessionIds[i]);
      expect(client.resumed).toBe(false);
    });
  });
});
