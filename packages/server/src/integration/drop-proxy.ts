import { createServer, connect as connectTcp, type Socket } from "node:net";
import { later } from "./harness.ts";

/**
 * A TCP proxy on loopback in front of a server, whose `drop()` cuts every connection through it as a network
 * failure would (the client sees a transport close, not a server disconnect) while still accepting new ones.
 */
export async function dropProxy(target: string): Promise<{ url: string; drop(): void }> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connectTcp(Number(port), hostname);
    open.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", close).on("close", close).pipe(upstream);
    upstream.on("error", close).on("close", close).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  later(() => new Promise<void>((resolve) => {
    for (const socket of open) socket.destroy();
    server.close(() => resolve());
  }));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/`,
    drop() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
  };
}
