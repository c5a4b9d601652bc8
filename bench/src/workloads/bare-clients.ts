import { io, type Socket } from "socket.io-client";
import { check } from "../check.ts";
import { now, sleep } from "../clock.ts";
import { BARE_EVENTS } from "../servers/bare-server.ts";
import { connectInBatches } from "./connect-in-batches.ts";

/** Plain Socket.IO clients of the bare reference server. */
export class BareClients {
  #sockets: Socket[] = [];
  #receipts: number[] = [];

  async connect(url: string, count: number, parallel: number): Promise<void> {
    this.#sockets = await connectInBatches(count, parallel, () => openSocket(url));
    for (const socket of this.#sockets) socket.on(BARE_EVENTS.broadcast, () => this.#receipts.push(now()));
  }

  /**
   * Every socket sends a request and awaits its reply, in a loop, from `startAt` for `warmupMs + durationMs`;
   * only requests sent after the warm-up are counted (JIT and buffers settle first). Each reply must echo its request.
   */
  async requestLoop(startAt: number, warmupMs: number, durationMs: number): Promise<{ latencies: Float64Array; errors: number }> {
    await sleep(Math.max(0, startAt - now()));
    const measureFrom = startAt + warmupMs;
    const until = measureFrom + durationMs;
    const latencies: number[] = [];
    let errors = 0;
    await Promise.all(
      this.#sockets.map(async (socket, index) => {
        for (let seq = 0; now() < until; seq++) {
          const sent = index * 1e7 + seq;
          const started = now();
          const echoed = (await socket.timeout(10_000).emitWithAck(BARE_EVENTS.request, sent).catch(() => undefined)) as number | undefined;
          if (echoed === undefined) {
            if (started >= measureFrom) errors++;
            continue;
          }
          check(echoed === sent, `bare server answered ${echoed} to request ${sent}`);
          if (started >= measureFrom) latencies.push(now() - started);
        }
      }),
    );
    return { latencies: Float64Array.from(latencies), errors };
  }

  /** When each socket received the broadcasts since the last call. */
  takeReceipts(): Float64Array {
    const taken = Float64Array.from(this.#receipts);
    this.#receipts = [];
    return taken;
  }

  close(): void {
    for (const socket of this.#sockets) socket.disconnect();
    this.#sockets = [];
  }
}

function openSocket(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    // forceNew: one WebSocket per client, as separate browser tabs would have; no reconnection, so a dropped
    // socket shows up as an error instead of hiding.
    const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 30_000 });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => reject(new Error(`bare connect: ${error.message}`)));
  });
}
