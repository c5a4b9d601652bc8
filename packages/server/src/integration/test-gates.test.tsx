import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import { describe, expect, test } from "vitest";
import type { GateRecord } from "../index.ts";
import { connect, serve, sleep } from "./harness.ts";

function app() {
  const text = Textbox();
  const work = listener((t: string) => `done ${t}`, { inputs: [text], outputs: [text], apiName: "work", concurrencyLimit: 2 });
  const instant = listener((t: string) => t, { inputs: [text], outputs: [text], apiName: "instant", queue: false });
  return (
    <Blocks>
      {text}
      <Button onClick={work}>Work</Button>
      <Button onClick={instant}>Instant</Button>
    </Blocks>
  );
}

describe("test gates", () => {
  test("hold queued jobs after they take their slot until released, and record slot starts and ends", async () => {
    const { url } = await serve(app(), { testGates: true });
    const record = async (): Promise<GateRecord> => (await fetch(`${url}__test/record`)).json() as Promise<GateRecord>;
    const release = (body?: object) => fetch(`${url}__test/release`, { method: "POST", ...(body ? { body: JSON.stringify(body) } : {}) });
    const client = await connect(url);
    const jobs = ["a", "b", "c"].map((t) => client.submit("work", [t]));
    expect(await client.predict("instant", ["free"])).toEqual(["free"]);
    let state = await record();
    for (let i = 0; i < 200 && state.held < 2; i++) {
      await sleep(5);
      state = await record();
    }
    expect(state).toMatchObject({ held: 2, running: 2 });
    expect(state.events.map((e) => e.type)).toEqual(["start", "start"]);

    expect(await (await release()).json()).toEqual({ released: 1 });
    expect(await jobs[0]!.result()).toEqual(["done a"]);
    expect(await (await release({ count: 5 })).json()).toEqual({ released: 2 });
    expect(await Promise.all(jobs.slice(1).map((job) => job.result()))).toEqual([["done b"], ["done c"]]);
    state = await record();
    expect(state).toMatchObject({ held: 0, running: 0 });
    expect(state.events.map((e) => `${e.type} ${e.apiName}`)).toEqual(["start work", "start work", "end work", "start work", "end work", "end work"]);
    expect(state.events.every((e) => typeof e.at === "number" && typeof e.jobId === "string")).toBe(true);

    await fetch(`${url}__test/reset`, { method: "POST" });
    expect((await record()).events).toEqual([]);
    expect((await release({ count: "x" })).status).toBe(400);
  });

  test("are off unless enabled", async () => {
    const { url } = await serve(app(), { testGates: false });
    expect((await fetch(`${url}__test/record`)).status).toBe(404);
    const client = await connect(url);
    expect(await client.predict("work", ["x"])).toEqual(["done x"]);
  });
});
