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

test("the scripts of one turn leave in one write, once the turn's synchronous work is done", async () => {
  const client = new Redis(redis.url);
  try {
    const runner = new ScriptRunner(client);
    await runner.run("init", ["test:epoch"], ["first"]);
    const socket = client.stream as typeof client.stream & { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
    const writes: string[] = [];
    const write = socket._write.bind(socket);
    const writev = socket._writev.bind(socket);
    socket._write = (...args) => (writes.push("write"), write(...args));
    socket._writev = (...args) => (writes.push("writev"), writev(...args));
    const replies = Promise.all([1, 2, 3].map(() => runner.run("init", ["test:epoch"], ["later"])));
    expect(writes).toEqual([]);
    // Every call answers: the epoch the first one made.
    expect((await replies).map((reply) => reply[0])).toEqual(["first", "first", "first"]);
    expect(writes).toEqual(["writev"]);
  } finally {
    client.disconnect();
  }
});
