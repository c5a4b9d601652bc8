import type { ServerMessage } from "@blockwork/core";
import { expect, test } from "vitest";
import { Outbox } from "./outbox.ts";

test("coalesces a connection's messages of one turn into one frame; a broadcast first flushes what came before it", async () => {
  const delivered: string[] = [];
  const outbox = new Outbox({
    toConnection: (id, frame) => delivered.push(`${id}: ${frame.map((m) => m.type).join(",")}`),
    toRoom: (room, frame) => delivered.push(`${room}: ${frame.map((m) => m.type).join(",")}`),
  });
  const started: ServerMessage = { type: "started", jobId: "j", etaMs: null };
  const queued: ServerMessage = { type: "queued", jobId: "k", groupId: "g", ticket: 0, rank: 0, size: 1, estimate: null };
  outbox.send("a", started);
  outbox.send("b", queued);
  outbox.send("a", { type: "complete", jobId: "j", data: [] });
  expect(delivered).toEqual([]);
  outbox.broadcast("room:g", { type: "group", groupId: "g", left: [], size: 1, estimate: null });
  outbox.send("a", started);
  expect(delivered).toEqual(["a: started,complete", "b: queued", "room:g: group"]);
  await new Promise((resolve) => setImmediate(resolve));
  expect(delivered.at(-1)).toBe("a: started");
});
