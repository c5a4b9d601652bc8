import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startRedisServer, type RedisServer } from "../../../testing/redis-server.ts";
import { ScriptRunner } from "./script-runner.ts";

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

/** A runner on a fresh connection whose socket writes are counted. */
async function countedRunner(client: Redis): Promise<{ runner: ScriptRunner; writes: string[] }> {
  const runner = new ScriptRunner(client);
  await runner.run("init", ["test:epoch"], ["first"]);
  const socket = client.stream as typeof client.stream & { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
  const writes: string[] = [];
  const write = socket._write.bind(socket);
  const writev = socket._writev.bind(socket);
  socket._write = (...args) => (writes.push("write"), write(...args));
  socket._writev = (...args) => (writes.push("writev"), writev(...args));
  return { runner, writes };
}

test("the scripts of one turn leave in one write, once the turn's synchronous work is done", async () => {
  const client = new Redis(redis.url);
  try {
    const { runner, writes } = await countedRunner(client);
    const replies = Promise.all([1, 2, 3].map(() => runner.run("init", ["test:epoch"], ["later"])));
    expect(writes).toEqual([]);
    // Every call answers: the epoch the first one made.
    expect((await replies).map((reply) => reply[0])).toEqual(["first", "first", "first"]);
    expect(writes).toEqual(["writev"]);
  } finally {
    client.disconnect();
  }
});

test("scripts run by separate callbacks of one loop iteration share one write", async () => {
  const client = new Redis(redis.url);
  try {
    const { runner, writes } = await countedRunner(client);
    // Two timers due together run in one timers phase, each followed by its own ticks: as two sockets' frames read
    // in one poll are.
    const replies = await new Promise<Promise<unknown>[]>((resolve) => {
      const started: Promise<unknown>[] = [];
      const call = () => {
        started.push(runner.run("init", ["test:epoch"], ["later"]));
        if (started.length === 2) resolve(started);
      };
      setTimeout(call, 1);
      setTimeout(call, 1);
    });
    await Promise.all(replies);
    expect(writes).toEqual(["writev"]);
  } finally {
    client.disconnect();
  }
});
