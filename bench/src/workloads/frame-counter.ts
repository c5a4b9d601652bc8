import { NodeWebSocket } from "socket.io-client";
import { now } from "../clock.ts";

/** What the clients of one generator received from the server, counted at the WebSocket. */
export interface FrameCounts {
  /** Blockwork `m` frames (one Socket.IO event each). */
  frames: number;
  /** Their size on the wire, in characters (the protocol is ASCII JSON, so about bytes). */
  bytes: number;
  /** Protocol messages inside them (a frame may carry several). */
  messages: number;
  /** Of which `group` updates: the position messages of waiting clients. */
  groupMessages: number;
  /**
   * Each distinct `group` frame and when it first arrived in this process. A group update is one frame sent to
   * every waiting socket alike, so distinct frames are the server's broadcasts: every waiting client gets each one.
   */
  broadcasts: [frame: string, firstSeen: number][];
}

const FRAME_PREFIX = '42["m",';
/** Bounds the memory of distinct broadcasts kept between two reads (at 4 a second, hours of them). */
const MAX_BROADCASTS = 100_000;
const counts: FrameCounts = { frames: 0, bytes: 0, messages: 0, groupMessages: 0, broadcasts: [] };
let seenBroadcasts = new Set<string>();
let installed = false;

/**
 * Counts every frame the Node Socket.IO client receives in this process, by wrapping the WebSocket transport's
 * `onData`: `@blockwork/client` keeps its socket private, and counting at the transport sees exactly what the
 * server sent, coalescing included. Engine.IO pings are not Blockwork frames and are not counted.
 */
export function installFrameCounter(): void {
  if (installed) return;
  installed = true;
  const prototype = NodeWebSocket.prototype as unknown as { onData(data: unknown): void };
  const inherited = prototype.onData;
  prototype.onData = function (this: unknown, data: unknown) {
    if (typeof data === "string" && data.startsWith(FRAME_PREFIX)) {
      counts.frames++;
      counts.bytes += data.length;
      counts.messages += occurrences(data, '{"type":"');
      const groups = occurrences(data, '{"type":"group"');
      counts.groupMessages += groups;
      if (groups > 0 && !seenBroadcasts.has(data) && seenBroadcasts.size < MAX_BROADCASTS) {
        seenBroadcasts.add(data);
        counts.broadcasts.push([data, now()]);
      }
    }
    inherited.call(this, data);
  };
}

/** The counts since the last call. */
export function takeFrameCounts(): FrameCounts {
  const taken = { ...counts };
  counts.frames = counts.bytes = counts.messages = counts.groupMessages = 0;
  counts.broadcasts = [];
  seenBroadcasts = new Set();
  return taken;
}

function occurrences(text: string, needle: string): number {
  let found = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) found++;
  return found;
}
