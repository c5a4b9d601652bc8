import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { UploadPace } from "./upload-pacer.ts";

/** A pace whose loop load, busy flag and clock the test sets. */
function pace(load: number, busy: boolean) {
  const state = { load, busy, now: 0 };
  const held: number[] = [];
  const pace = new UploadPace({
    busy: () => state.busy,
    load: { utilization: () => state.load },
    now: () => state.now,
    target: 0.6,
    windowMs: 20,
    defer: (resume, ms) => {
      held.push(ms);
      resume();
    },
  });
  return { pace, state, held };
}

describe("an upload's pace", () => {
  test("is never held on a server whose queue has nothing waiting or running, however busy its loop", () => {
    const { pace: idle } = pace(1, false);
    expect([idle.holdMs(), idle.holdMs()]).toEqual([0, 0]);
  });

  test("while the queue has work, a loop busier than the target holds the upload for the excess share, once a window", () => {
    const { pace: busy, state } = pace(1, true);
    expect(busy.holdMs()).toBeCloseTo(8);
    // The rest of the window passes freely, so the upload still moves at the target's share.
    state.now = 10;
    expect(busy.holdMs()).toBe(0);
    state.now = 20;
    state.load = 0.7;
    expect(busy.holdMs()).toBeCloseTo(2);
    state.now = 40;
    state.load = 0.5;
    expect(busy.holdMs()).toBe(0);
  });

  test("its stream passes every byte on, in order, holding where the pace says", async () => {
    const { pace: busy, held } = pace(1, true);
    const chunks = ["multipart ", "bytes ", "in order"].map((text) => Buffer.from(text));
    const out: Buffer[] = [];
    for await (const chunk of Readable.from(chunks).pipe(busy.stream())) out.push(chunk as Buffer);
    expect(Buffer.concat(out).toString()).toBe("multipart bytes in order");
    expect(held).toHaveLength(1);
  });
});
