import { Blocks, Button, listener, NumberBox, State } from "@blockwork/core";
import { describe, expect, test } from "vitest";
import { connect, serve, sleep } from "./harness.ts";

function counterApp() {
  const count = State({ n: 0 });
  const shown = NumberBox({ label: "Count" });
  const increment = listener(
    (state: { n: number }) => {
      const next = { n: state.n + 1 };
      return [next, next.n] as [{ n: number }, number];
    },
    { inputs: [count], outputs: [count, shown], apiName: "increment" },
  );
  return (
    <Blocks>
      {shown}
      <Button onClick={increment}>+1</Button>
    </Blocks>
  );
}

describe("sessions", () => {
  test("State persists across events in one session, is separate between sessions, and never crosses the wire", async () => {
    const { url } = await serve(counterApp());
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(a.config.dependencies[0]!.inputs).toEqual([]);
    expect(await a.predict("increment", [])).toEqual([1]);
    expect(await a.predict("increment", [])).toEqual([2]);
    expect(await b.predict("increment", [])).toEqual([1]);
  });

  test("a reconnect with the session id within the TTL resumes the session; after the TTL a new one starts", async () => {
    const { url } = await serve(counterApp(), { sessionTtlMs: 300 });
    const first = await connect(url);
    expect(first.resumed).toBe(false);
    await first.predict("increment", []);
    await first.predict("increment", []);
    const sessionId = first.sessionId;
    first.close();

    const resumed = await connect(url, sessionId);
    expect(resumed.resumed).toBe(true);
    expect(resumed.sessionId).toBe(sessionId);
    expect(await resumed.predict("increment", [])).toEqual([3]);
    resumed.close();

    await sleep(600);
    const fresh = await connect(url, sessionId);
    expect(fresh.resumed).toBe(false);
    expect(fresh.sessionId).not.toBe(sessionId);
    expect(await fresh.predict("increment", [])).toEqual([1]);
  });
});
