import type { IoServer } from "./socket-types.ts";

/** The event an over-size message is turned into; the transport answers it with a `too_large` error. */
export const TOO_LARGE_EVENT = "__too_large__";

/**
 * Gives an over-size message a clear answer instead of a dropped connection. Socket.IO closes the connection on
 * a message over its `maxHttpBufferSize` (WebSocket close code 1009), so that is set to a hard cap above
 * `limit`; a message between `limit` and the cap is replaced, before Socket.IO decodes it, by a small
 * `__too_large__` event that keeps its acknowledgement id, so its sender gets `too_large` on its ack. Nothing
 * of the large message is parsed. Binary attachments over the limit are emptied (they are never valid input).
 *
 * This relies on Engine.IO emitting each socket's `packet` event before decoding the same packet object; the
 * transport's tests pin that behaviour.
 */
export function guardPayloadSize(io: IoServer, limit: number): void {
  io.engine.on("connection", (raw: { on(event: "packet", listener: (packet: { type: string; data?: unknown }) => void): void }) => {
    raw.on("packet", (packet) => {
      if (packet.type !== "message") return;
      const data = packet.data;
      if (typeof data === "string") {
        if (data.length <= limit / 3 || Buffer.byteLength(data) <= limit) return;
        // A Socket.IO event is `2<ack id>[…]` (namespace "/", no attachments); keep the ack id, if any. Other
        // packets (a handshake, a binary event's header) stay as they are, within the hard cap.
        const event = /^2(\d*)\[/.exec(data);
        if (event) packet.data = `2${event[1]}${JSON.stringify([TOO_LARGE_EVENT, Buffer.byteLength(data)])}`;
      } else if (ArrayBuffer.isView(data) && data.byteLength > limit) {
        packet.data = Buffer.alloc(0);
      }
    });
  });
}

/** The hard cap past which Socket.IO drops the connection: room for a clear answer up to twice the limit. */
export function hardPayloadCap(limit: number): number {
  return limit + Math.max(limit, 1_000_000);
}
