import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";

/** A plain TCP balancer with no stickiness, for tests of many processes behind one address. */
export interface RoundRobinProxy {
  readonly port: number;
  /** The backends from now on; connections already made stay where they are. */
  setBackends(ports: readonly number[]): void;
  /** Cuts every connection through it, as a network failure would; new ones are still accepted. */
  drop(): void;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (port 0) and sends each new connection to the next backend port in turn. A backend that
 * refuses the connection (a dead process) is skipped for the next one; the client is dropped only if all refuse.
 */
export async function startRoundRobinProxy(backends: readonly number[]): Promise<RoundRobinProxy> {
  let ports = [...backends];
  let next = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };

  const server = createServer((client) => {
    track(client);
    client.pause();
    client.on("error", () => client.destroy());
    const attempt = (tries: number) => {
      if (tries >= ports.length || client.destroyed) {
        client.destroy();
        return;
      }
      const port = ports[next++ % ports.length]!;
      const upstream = connect(port, "127.0.0.1");
      track(upstream);
      let connected = false;
      upstream.on("error", () => {
        if (connected) client.destroy();
        else attempt(tries + 1);
      });
      upstream.once("connect", () => {
        connected = true;
        client.pipe(upstream).on("close", () => upstream.destroy());
        upstream.pipe(client);
        upstream.once("close", () => client.destroy());
        client.once("close", () => upstream.destroy());
        client.resume();
      });
    };
    attempt(0);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };

  return {
    port,
    setBackends(list) {
      ports = [...list];
      next = 0;
    },
    drop() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
