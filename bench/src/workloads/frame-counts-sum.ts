import type { FrameCounts } from "./frame-counter.ts";

/** Adds up the generators' frame counts; a broadcast seen by several generators counts once, when first seen. */
export function sumFrameCounts(all: readonly FrameCounts[]): FrameCounts {
  const total: FrameCounts = { frames: 0, bytes: 0, messages: 0, groupMessages: 0, broadcasts: [] };
  const firstSeen = new Map<string, number>();
  for (const c of all) {
    total.frames += c.frames;
    total.bytes += c.bytes;
    total.messages += c.messages;
    total.groupMessages += c.groupMessages;
    for (const [frame, at] of c.broadcasts) firstSeen.set(frame, Math.min(at, firstSeen.get(frame) ?? at));
  }
  total.broadcasts = [...firstSeen].sort((a, b) => a[1] - b[1]);
  return total;
}
