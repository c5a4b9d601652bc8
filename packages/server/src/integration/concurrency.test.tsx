import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import type { JobEvent, QueuedEvent } from "@blockwork/client";
import { describe, expect, test } from "vitest";
import { collect, connect, Latch, Recorder, serve, sleep } from "./harness.ts";

const positionsOf = (events: JobEvent[]): number[] => events.filter((e): e is QueuedEvent => e.type === "queued").map((e) => e.position);

describe("concurrency through the real client and server", () => {
  test("concurrencyLimit 5: 12 submissions of a 300 ms job from several clients", async () => {
    const record = new Recorder();
    const prompt = Textbox({ label: "Prompt" });
    const image = Textbox({ label: "Image" });
    const generate = listener((p: string) => record.around(p, async () => (await sleep(300), `image of ${p}`)), {
      inputs: [prompt],
      outputs: [image],
      concurrencyLimit: 5,
      apiName: "generate",
    });
    const app = (
      <Blocks>
        {prompt}
        <Button onClick={generate}>Generate</Button>
        {image}
      </Blocks>
    );
    const { url } = await serve(app);
    const clients = await Promise.all([1, 2, 3].map(() => connect(url)));
    const jobs = Array.from({ length: 12 }, (_, i) => clients[i % 3]!.submit("generate", [`p${i}`]));
    const traces = await Promise.all(jobs.map(collect));

    traces.forEach((events, i) => expect(events.at(-1)).toEqual({ type: "complete", data: [`image of p${i}`] }));
    expect(record.maxConcurrent()).toBe(5);
    const waited = traces.filter((events) => events[0]!.type === "queued");
    expect(waited).toHaveLength(7);
    for (const events of waited) {
      const positions = positionsOf(events);
      expect(positions).toEqual([...positions].sort((a, b) => b - a));
      expect(events.at(-2)).toMatchObject({ type: "started" });
    }
    // Jobs still waiting once the first slots freed saw their position fall; the one that waited longest at
    // the head saw it reach 0 before it started.
    const secondRound = waited.filter((events) => positionsOf(events)[0]! >= 5);
    expect(secondRound.length).toBe(2);
    for (const events of secondRound) expect(positionsOf(events).at(-1)).toBeLessThan(positionsOf(events)[0]!);
    expect(waited.some((events) => positionsOf(events).at(-1) === 0 && positionsOf(events)[0]! > 0)).toBe(true);
  });

  test("gpu_queue: three listeners share one queue with the limit 2 set on the first; jobs start in arrival order", async () => {
    const record = new Recorder();
    const prompt = Textbox({ label: "Prompt" });
    const image = Textbox({ label: "Image" });
    const model = (name: string) => (p: string) => record.around(`${name}:${p}`, async () => (await sleep(120), `${name}(${p})`));
    const app = (
      <Blocks>
        {prompt}
        {image}
        <Button onClick={model("m1")} inputs={[prompt]} outputs={[image]} concurrencyLimit={2} concurrencyId="gpu_queue" apiName="image_gen_1">
          Generate Image via model 1
        </Button>
        <Button onClick={model("m2")} inputs={[prompt]} outputs={[image]} concurrencyId="gpu_queue" apiName="image_gen_2">
          Generate Image via model 2
        </Button>
        <Button onClick={model("m3")} inputs={[prompt]} outputs={[image]} concurrencyId="gpu_queue" apiName="image_gen_3">
          Generate Image via model 3
        </Button>
      </Blocks>
    );
    const { url } = await serve(app);
    const client = await connect(url);
    expect(client.config.groups).toEqual([{ id: "gpu_queue", limit: 2, dependencies: [0, 1, 2] }]);
    const submitted = Array.from({ length: 9 }, (_, i) => ({ api: `image_gen_${(i % 3) + 1}`, label: `m${(i % 3) + 1}:p${i}` }));
    const jobs = submitted.map(({ api }, i) => client.submit(api, [`p${i}`]));
    const results = await Promise.all(jobs.map((job) => job.result()));

    expect(results).toEqual(submitted.map(({ label }) => [label.replace(/:(.*)/, "($1)")]));
    expect(record.maxConcurrent()).toBe(2);
    expect(record.started()).toEqual(submitted.map((s) => s.label));
  });

  test("no limit anywhere runs one at a time; defaultConcurrencyLimit 3 runs three", async () => {
    for (const [queue, expected] of [[undefined, 1], [{ defaultConcurrencyLimit: 3 }, 3]] as const) {
      const record = new Recorder();
      const text = Textbox();
      const echo = listener((t: string) => record.around(t, async () => (await sleep(100), t)), { inputs: [text], outputs: [text], apiName: "echo" });
      const { url } = await serve(
        <Blocks queue={queue}>
          {text}
          <Button onClick={echo}>Echo</Button>
        </Blocks>,
      );
      const client = await connect(url);
      const outputs = await Promise.all(["a", "b", "c", "d", "e", "f"].map((t) => client.predict("echo", [t])));
      expect(outputs).toEqual([["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]);
      expect(record.maxConcurrent()).toBe(expected);
    }
  });

  test("concurrencyLimit null: 50 submissions all run at once", async () => {
    const record = new Recorder();
    const allStarted = new Latch();
    const text = Textbox();
    const call = listener(
      (t: string) =>
        record.around(t, async () => {
          if (record.started().length === 50) allStarted.open();
          // Each job waits until all 50 have started, so they must all run at once to finish.
          await Promise.race([allStarted.opened, sleep(8000)]);
          return t;
        }),
      { inputs: [text], outputs: [text], apiName: "call_api", concurrencyLimit: null },
    );
    const { url } = await serve(
      <Blocks>
        {text}
        <Button onClick={call}>Call</Button>
      </Blocks>,
    );
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => connect(url)));
    const traces = await Promise.all(Array.from({ length: 50 }, (_, i) => collect(clients[i % 5]!.submit("call_api", [`t${i}`]))));
    expect(record.maxConcurrent()).toBe(50);
    expect(traces.every((events) => events[0]!.type === "started" && events.at(-1)!.type === "complete")).toBe(true);
  });

  test("a listener on a full group and one on an idle group: the idle one starts at once", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const text = Textbox();
    const busy = listener((t: string) => record.around(t, async () => (await hold.opened, t)), { inputs: [text], outputs: [text], apiName: "busy" });
    const idle = listener((t: string) => record.around(t, async () => t), { inputs: [text], outputs: [text], apiName: "idle" });
    const { url } = await serve(
      <Blocks>
        {text}
        <Button onClick={busy}>Busy</Button>
        <Button onClick={idle}>Idle</Button>
      </Blocks>,
    );
    const client = await connect(url);
    const busyJobs = ["b1", "b2", "b3"].map((t) => client.submit("busy", [t]));
    const idleEvents = await collect(client.submit("idle", ["i1"]));
    expect(idleEvents.map((e) => e.type)).toEqual(["started", "complete"]);
    expect(record.started()).toEqual(["b1", "i1"]);
    expect(record.events.filter((e) => e.type === "end").map((e) => e.label)).toEqual(["i1"]);
    hold.open();
    expect(await Promise.all(busyJobs.map((job) => job.result()))).toEqual([["b1"], ["b2"], ["b3"]]);
  });
});
