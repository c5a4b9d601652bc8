import { once } from "node:events";
import { connect, createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy.ts";

/** A backend that answers every connection with its name and closes. */
async function nameServer(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.end(name));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, port: (server.address() as { port: number }).port };
}

async function ask(port: number): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  let text = "";
  socket.on("data", (chunk) => (text += chunk.toString()));
  await once(socket, "close");
  return text;
}

describe("round-robin proxy", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("sends each connection to the next backend and skips a dead one", async () => {
    const a = await nameServer("a");
    const b = await nameServer("b");
    const dead = await nameServer("dead");
    await new Promise((resolve) => dead.server.close(resolve));
    cleanups.push(() => new Promise((r) => a.server.close(r)), () => new Promise((r) => b.server.close(r)));
    const proxy: RoundRobinProxy = await startRoundRobinProxy([a.port, b.port]);
    cleanups.push(() => proxy.close());

    const answers: string[] = [];
    for (let i = 0; i < 4; i++) answers.push(await ask(proxy.port));
    expect(answers).toEqual(["a", "b", "a", "b"]);

    proxy.setBackends([dead.port, b.port]);
    expect([await ask(proxy.port), await ask(proxy.port)]).toEqual(["b", "b"]);
  });
});
