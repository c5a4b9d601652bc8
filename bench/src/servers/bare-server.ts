import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

/** Event names of the bare protocol: one request/reply pair, one broadcast. */
export const BARE_EVENTS = { request: "r", broadcast: "b" } as const;

/** `room`: one `io.emit` to every socket; `each`: one `socket.emit` per socket, each its own message. */
export type BroadcastMode = "room" | "each";

export interface BareServer {
  readonly url: string;
  /** Sends `payload` to every connected socket; returns how long the synchronous send loop took (ms). */
  broadcast(mode: BroadcastMode, payload: unknown): number;
  connectedSockets(): number;
  close(): Promise<void>;
}

/**
 * The transport's ceiling: a Socket.IO server with nothing of Blockwork in it, that acknowledges each request at
 * once (no queue, no config, no validation). Nothing built on Socket.IO can beat it on the same machine, so
 * Blockwork's figures are read as ratios to it.
 */
export async function startBareServer(): Promise<BareServer> {
  const http = createServer();
  // WebSocket only, as Blockwork's clients connect: HTTP long-polling would measure a different transport.
  const io = new Server(http, { transports: ["websocket"] });
  io.on("connection", (socket) => {
    socket.on(BARE_EVENTS.request, (value: unknown, reply: (value: unknown) => void) => reply(value));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    broadcast(mode, payload) {
      const started = performance.now();
      if (mode === "room") io.emit(BARE_EVENTS.broadcast, payload);
      else for (const socket of io.of("/").sockets.values()) socket.emit(BARE_EVENTS.broadcast, payload);
      return performance.now() - started;
    },
    connectedSockets: () => io.of("/").sockets.size,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}
