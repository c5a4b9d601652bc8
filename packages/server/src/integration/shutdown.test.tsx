import { Client } from "@blockwork/client";
import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { spawnCli } from "../testing/spawn-cli.ts";
import { collect, connect, Latch, Recorder, serve, until } from "./harness.ts";

const bin = fileURLToPath(new URL("../../bin/blockwork.js", import.meta.url));
const slowApp = fileURLToPath(new URL("./fixtures/slow-app.tsx", import.meta.url));

describe("graceful shutdown", () => {
  test("close(): no new connections or jobs, waiting jobs told server_stopping, running jobs finish and are delivered", async () => {
    const record = new Recorder();
    const hold = new Latch();
    const text = Textbox();
    const work = listener((t: string) => record.around(t, async () => (await hold.opened, `done ${t}`)), { inputs: [text], outputs: [text], apiName: "work" });
    const { url, server } = await serve(
      <Blocks>
        {text}
        <Button onClick={work}>Work</Button>
      </Blocks>,
      { shutdownGraceMs: 10_000 },
    );
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    const running = a.submit("work", ["running"]);
    await until(() => record.hasStarted("running"));
    const waiting = b.submit("work", ["waiting"]);
    await waiting.joined;

    let closed = false;
    const closing = server.close().then(() => (closed = true));
    expect((await collect(waiting)).at(-1)).toMatchObject({ type: "error", code: "server_stopping" });
    await expect(a.predict("work", ["late"])).rejects.toMatchObject({ code: "server_stopping" });
    await expect(Client.connect(url, { timeoutMs: 2000 })).rejects.toThrow(/server_stopping|could not connect/);
    expect(closed).toBe(false);

    hold.open();
    expect(await running.result()).toEqual(["done running"]);
    await closing;
    expect(record.started()).toEqual(["running"]);
    expect(server.counters()).toMatchObject({ connections: 0, jobs: 0, waiting: 0, running: 0 });
  });

  test("SIGTERM to the CLI: waiting jobs told server_stopping, the running job completes, then the process exits 0", async () => {
    const child = await spawnCli([process.execPath, bin, "run", slowApp, "--port", "0"]);
    try {
      const url = child.url;
      const client = await Client.connect(url);
      const running = client.submit("work", ["slow running"]);
      const waiting = [client.submit("work", ["slow waiting 1"]), client.submit("work", ["slow waiting 2"])];
      // The first job starts at once (limit 1); the other two wait behind it.
      await Promise.all([running.joined, ...waiting.map((job) => job.joined)]);
      const runningEvents = collect(running);
      child.kill("SIGTERM");

      for (const job of waiting) expect((await collect(job)).at(-1)).toMatchObject({ type: "error", code: "server_stopping" });
      const events = await runningEvents;
      expect(events.map((e) => e.type)).toEqual(["started", "complete"]);
      expect(events.at(-1)).toEqual({ type: "complete", data: ["done slow running"] });
      expect(await child.exited).toBe(0);
      expect(child.output()).toMatch(/SIGTERM: letting running jobs finish/);
      client.close();
    } finally {
      child.kill("SIGKILL");
    }
  });
});
