import type { GroupMessage, ServerMessage } from "@blockwork/core";
import { expect, test } from "vitest";
import { Outbox, type OutboxOptions } from "./outbox.ts";

const started: ServerMessage = { type: "started", jobId: "j", etaMs: null };
const queued: ServerMessage = { type: "queued", jobId: "k", groupId: "g", ticket: 0, rank: 0, size: 1, estimate: null };
const group = (left: number[] = []): GroupMessage => ({ type: "group", groupId: "g", left, size: 1, estimate: null });

/**
 * An outbox over a fake transport: `delivered` lists what each connection received, in order; `turn()` runs the
 * next deferred turn; `rooms` sets who is in a room; each write costs `msPerWrite` of fake time.
 */
function setup(options: OutboxOptions = {}, msPerWrite = 0) {
  let now = 0;
  const turns: (() => void)[] = [];
  const rooms = new Map<string, string[]>();
  const delivered: string[] = [];
  const describe = (frame: ServerMessage[]) => frame.map((m) => (m.type === "group" ? `group[${m.left.join(",")}]` : m.type)).join(",");
  const writes: string[][] = [];
  const outbox = new Outbox(
    {
      toConnection: (id, frame) => {
        delivered.push(`${id}: ${describe(frame)}`);
        now += msPerWrite;
      },
      toConnections: (ids, frame) => {
        writes.push([...ids]);
        for (const id of ids) delivered.push(`${id}: ${describe(frame)}`);
        now += msPerWrite * ids.length;
      },
      members: (room) => rooms.get(room) ?? [],
    },
    { defer: (fn) => turns.push(fn), now: () => now, ...options },
  );
  return {
    outbox,
    rooms,
    delivered,
    writes,
    turn: () => turns.shift()?.(),
    turnsQueued: () => turns.length,
    advance: (ms: number) => (now += ms),
    of: (id: string) => delivered.filter((d) => d.startsWith(`${id}: `)).map((d) => d.slice(id.length + 2)),
  };
}

test("coalesces a connection's messages of one turn into one frame; a broadcast first flushes what came before it", () => {
  const { outbox, rooms, delivered, turn } = setup();
  rooms.set("room:g", ["b"]);
  outbox.send("a", started);
  outbox.send("b", queued);
  outbox.send("a", { type: "complete", jobId: "j", data: [] });
  expect(delivered).toEqual([]);
  outbox.broadcast("room:g", group());
  outbox.send("a", started);
  expect(delivered).toEqual(["a: started,complete", "b: queued", "b: group[]"]);
  turn();
  turn();
  expect(delivered.at(-1)).toBe("a: started");
});

test("a big room gets a broadcast in slices, one per turn, encoded once per slice; a small room at once", () => {
  const { outbox, rooms, writes, turn, turnsQueued } = setup({ sliceSize: 3 });
  rooms.set("small", ["s1", "s2"]);
  outbox.broadcast("small", group());
  expect(writes).toEqual([["s1", "s2"]]);
  expect(turnsQueued()).toBe(0);

  rooms.set("big", ["c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
  outbox.broadcast("big", group());
  expect(writes.slice(1)).toEqual([["c1", "c2", "c3"]]);
  turn();
  expect(writes.slice(1)).toEqual([["c1", "c2", "c3"], ["c4", "c5", "c6"]]);
  turn();
  expect(writes.slice(1)).toEqual([["c1", "c2", "c3"], ["c4", "c5", "c6"], ["c7"]]);
  expect(turnsQueued()).toBe(0);
});

test("the members are those of the room when the broadcast starts: a later member never gets it, a leaver still does", () => {
  const { outbox, rooms, of, turn } = setup({ sliceSize: 1 });
  const members = ["a", "b"];
  rooms.set("g", members);
  outbox.broadcast("g", group([0, 1]));
  members.push("late");
  members.splice(members.indexOf("b"), 1);
  turn();
  turn();
  expect(of("a")).toEqual(["group[0,1]"]);
  expect(of("b")).toEqual(["group[0,1]"]);
  expect(of("late")).toEqual([]);
});

test("while a broadcast is on its way, a member not reached yet gets it before its newer messages; others keep theirs as they come", () => {
  const { outbox, rooms, delivered, of, turn } = setup({ sliceSize: 2 });
  rooms.set("g", ["a", "b", "c", "d", "e"]);
  outbox.send("c", started); // produced before the broadcast: goes first
  outbox.broadcast("g", group([0, 1]));
  expect(delivered).toEqual(["c: started", "a: group[0,1]", "b: group[0,1]"]);
  // Produced after the broadcast began, to a reached member (a), an unreached one (d) and a non-member (x).
  outbox.send("a", queued);
  outbox.send("d", queued);
  outbox.send("x", queued);
  turn(); // the pending frames' flush
  expect(of("a")).toEqual(["group[0,1]", "queued"]);
  expect(of("d")).toEqual(["group[0,1]", "queued"]);
  expect(of("x")).toEqual(["queued"]);
  turn(); // the next slice: c and e; d already has it
  turn();
  for (const id of ["a", "b", "c", "d", "e"]) expect(of(id).filter((m) => m.startsWith("group"))).toEqual(["group[0,1]"]);
  expect(of("c")).toEqual(["started", "group[0,1]"]);
});

test("a second broadcast to a room finishes the first one before it starts, so a room's updates never overtake each other", () => {
  const { outbox, rooms, of, turn } = setup({ sliceSize: 2 });
  rooms.set("g", ["a", "b", "c", "d", "e"]);
  outbox.broadcast("g", group([0, 1]));
  outbox.broadcast("g", group([1, 2]));
  for (let i = 0; i < 5; i++) turn();
  for (const id of ["a", "b", "c", "d", "e"]) expect(of(id)).toEqual(["group[0,1]", "group[1,2]"]);
});

test("holdMs paces a room's broadcasts to the CPU share: it waits while one is on its way, then until cost / share has passed", async () => {
  const { outbox, rooms, turn, advance } = setup({ sliceSize: 2, cpuShare: 0.25 }, 1);
  // A slice's cost is taken once its writes' completion callbacks have run: after the current microtasks.
  const settle = () => Promise.resolve();
  expect(outbox.holdMs("g")).toBe(0);
  rooms.set("g", ["a", "b", "c", "d"]);
  rooms.set("tiny", []);
  outbox.broadcast("g", group()); // first slice: 2 writes, 2 ms
  await settle();
  // Projected: 4 ms for the whole room, so the next may start 16 ms after this one did (2 ms ago).
  expect(outbox.holdMs("g")).toBe(14);
  advance(20);
  expect(outbox.holdMs("g")).toBe(1); // still on its way: wait for it, however late
  turn();
  await settle();
  expect(outbox.holdMs("g")).toBe(0);
  outbox.broadcast("g", group());
  await settle();
  turn();
  await settle();
  expect(outbox.holdMs("g")).toBe(12); // 4 ms of writes at 25 %: 16 ms from the start, 4 ms ago
  advance(12);
  expect(outbox.holdMs("g")).toBe(0);
  outbox.broadcast("tiny", group());
  expect(outbox.holdMs("tiny")).toBe(0);
});

test("join acknowledgements wait for the turn's flush; the connection's last one carries its frame, in one write", () => {
  const { outbox, delivered, turn } = setup();
  const acks: string[] = [];
  const ack = (name: string) => (frame: ServerMessage[] | undefined) => acks.push(`${name}: ${frame ? frame.map((m) => m.type).join(",") : "-"}`);
  outbox.reply("a", ack("first"));
  outbox.send("a", started);
  outbox.reply("a", ack("second"));
  outbox.send("a", { type: "complete", jobId: "j", data: [] });
  outbox.send("b", queued);
  expect(acks).toEqual([]);
  turn();
  expect(acks).toEqual(["first: -", "second: started,complete"]);
  expect(delivered, "a's frame went with its acknowledgement, not as a separate frame").toEqual(["b: queued"]);
});

test("an acknowledgement carrying a frame is preceded by any broadcast on its way that its connection has not had", () => {
  const { outbox, rooms, delivered, turn } = setup({ sliceSize: 1 });
  rooms.set("room:g", ["x", "a"]);
  outbox.broadcast("room:g", group([0, 1]));
  expect(delivered).toEqual(["x: group[0,1]"]);
  const acks: string[] = [];
  outbox.reply("a", (frame) => acks.push(`ack: ${frame?.map((m) => m.type).join(",")}`));
  outbox.send("a", queued);
  outbox.flush();
  expect(delivered).toEqual(["x: group[0,1]", "a: group[0,1]"]);
  expect(acks).toEqual(["ack: queued"]);
  turn();
  expect(delivered, "the broadcast is not sent to a twice").toEqual(["x: group[0,1]", "a: group[0,1]"]);
});
