import { Client } from "@blockwork/client";
import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import { expect, test } from "vitest";
import { launch } from "../index.ts";
import { collect, Latch } from "./harness.ts";

test("close() drops waiting jobs, ends running ones past the grace period, disconnects clients, frees the port", async () => {
  const hold = new Latch();
  const text = Textbox();
  const work = listener(async (t: string) => (await hold.opened, t), { inputs: [text], outputs: [text], apiName: "work" });
  const server = await launch(
    <Blocks>
      {text}
      <Button onClick={work}>Work</Button>
    </Blocks>,
    { port: 0, logger: { error: () => {}, warn: () => {} }, shutdownGraceMs: 200 },
  );
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  const client = await Client.connect(server.url);
  const running = client.submit("work", ["r"]);
  const waiting = client.submit("work", ["w"]);
  await waiting.joined;
  expect(server.stats()).toMatchObject({ connections: 1, sessions: 1, waiting: 1, running: 1 });
  await server.close();
  const [runningEvents, waitingEvents] = await Promise.all([collect(running), collect(waiting)]);
  expect(waitingEvents.at(-1)).toMatchObject({ type: "error", code: "server_stopping" });
  // Its handler never finished within the grace period: it is not reported done.
  expect(runningEvents.at(-1)).toMatchObject({ type: "error", code: "server_stopping" });
  client.close();
  hold.open();
  await expect(Client.connect(server.url, { timeoutMs: 2000 })).rejects.toThrow();
});
