import { Blocks, Button, Dropdown, ERROR_CODES, listener, NumberBox, Textbox } from "@blockwork/core";
import { io, type Socket } from "socket.io-client";
import { expect, test } from "vitest";
import { connect, serve, sleep, until } from "./harness.ts";

/** A small seeded PRNG (mulberry32), so that a failing run can be replayed with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.BLOCKWORK_FUZZ_SEED ?? 20_240_601);
const MESSAGES = Number(process.env.BLOCKWORK_FUZZ_MESSAGES ?? 10_000);
const SOCKETS = 6;

function fuzzApp() {
  const text = Textbox({ label: "Text" });
  const a = NumberBox({ label: "A", minimum: -1000, maximum: 1000 });
  const b = NumberBox({ label: "B" });
  const size = Dropdown({ label: "Size", choices: ["S", "M", "L"] });
  const echo = listener(async (t: string) => (await sleep(1), `echo:${t}`), { inputs: [text], outputs: [text], apiName: "echo", concurrencyLimit: 2 });
  const add = listener((x: number, y: number) => x + y, { inputs: [a, b], outputs: [a], apiName: "add", concurrencyLimit: 3 });
  const pick = listener((s: string | null) => `size ${s}`, { inputs: [size], outputs: [text], apiName: "pick", queue: false });
  const stream = listener(
    async function* (t: string) {
      for (let i = 1; i <= 3; i++) {
        await sleep(1);
        yield `${t}:${i}`;
      }
    },
    { inputs: [text], outputs: [text], apiName: "stream", concurrencyLimit: 2 },
  );
  return (
    <Blocks>
      {text}
      {a}
      {b}
      {size}
      <Button onClick={echo}>Echo</Button>
      <Button onClick={add}>Add</Button>
      <Button onClick={pick}>Pick</Button>
      <Button onClick={stream}>Stream</Button>
    </Blocks>
  );
}

/** Random and mutated protocol values: wrong types, missing and extra fields, huge strings, deep nesting, binary. */
function generator(rng: () => number) {
  const int = (n: number): number => Math.floor(rng() * n);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (): string => {
    const length = pick([0, 1, 5, 40, 300, 5_000, 100_000]);
    const alphabet = pick(["abc", "é👋\u0000\u202e", '{}[]"\\,', "0123456789"]);
    let s = "";
    for (let i = 0; i < Math.min(length, 64); i++) s += alphabet[int(alphabet.length)];
    return length > 64 ? s.repeat(Math.ceil(length / Math.max(1, s.length))).slice(0, length) : s;
  };
  const nested = (depth: number): unknown => {
    let v: unknown = pick([1, "x", null, {}]);
    for (let i = 0; i < depth; i++) v = rng() < 0.5 ? [v] : { k: v };
    return v;
  };
  const value = (depth = 0): unknown => {
    switch (int(depth > 2 ? 7 : 10)) {
      case 0:
        return null;
      case 1:
        return rng() < 0.5;
      case 2:
        return pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, -0]);
      case 3:
      case 4:
        return text();
      case 5:
        return Buffer.alloc(pick([0, 1, 100, 70_000]), int(256));
      case 6:
        return nested(pick([10, 63, 64, 65, 500, 2_000]));
      case 7:
        return Array.from({ length: int(6) }, () => value(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = int(5); i > 0; i--) o[pick(["apiName", "data", "jobId", "__proto__", "constructor", "x", text().slice(0, 8)])] = value(depth + 1);
        return o;
      }
    }
  };
  const validJoin = (): Record<string, unknown> =>
    pick([
      { apiName: "echo", data: [text()] },
      { apiName: "add", data: [int(2000) - 1000, int(100)] },
      { apiName: "pick", data: [pick(["S", "M", "L", null])] },
      { apiName: "stream", data: ["s"] },
    ]);
  const mutatedJoin = (): unknown => {
    const join = validJoin();
    switch (int(8)) {
      case 0:
        delete join[pick(["apiName", "data"])];
        return join;
      case 1:
        return { ...join, [pick(["extra", "eventData", "__proto__", "priority"])]: value() };
      case 2:
        return { ...join, apiName: value() };
      case 3:
        return { ...join, data: value() };
      case 4:
        return { ...join, data: [...(join.data as unknown[]), value()] };
      case 5:
        return { ...join, data: (join.data as unknown[]).map((v) => (rng() < 0.5 ? value() : v)) };
      case 6:
        return join;
      default:
        return value();
    }
  };
  const eventName = (): string => pick(["join", "cancel", "hello", "m", "__too_large__", "JOIN", "join ", "", "constructor", "__proto__", text().slice(0, 20)]);
  /** A raw Socket.IO packet, sent under the client's parser: broken JSON, bogus acks, unknown packet types, namespaces. */
  const rawPacket = (): string =>
    pick([
      `2["join",{"apiName":"echo","data":["x"]`,
      `2${int(1e6)}["join",{"apiName":"echo","data":[${JSON.stringify(text().slice(0, 50))}]}]`,
      `3${int(1e6)}[{"ok":true}]`,
      `3["not an ack"]`,
      `2["disconnect"]`,
      `2[]`,
      `2{}`,
      `9${text().slice(0, 30)}`,
      `0/evil,`,
      `1`,
      `51-["join",{"_placeholder":true,"num":0}]`,
      `2${"[".repeat(50_000)}`,
      text().slice(0, 200),
    ]);
  return { int, pick, value, validJoin, mutatedJoin, eventName, rawPacket };
}

test(`fuzz: ${MESSAGES} random and mutated messages while a well-behaved client runs jobs; counters return to baseline`, { timeout: 120_000 }, async () => {
  const { url, server, logged } = await serve(fuzzApp(), { sessionTtlMs: 200, maxPayloadBytes: 64_000 });
  const baseline = server.counters();
  const rssBefore = process.memoryUsage().rss;
  const g = generator(prng(SEED));
  const figures = { sent: 0, acked: 0, raw: 0, reconnects: 0, wellBehavedJobs: 0, fuzzJobsAccepted: 0 };

  // The well-behaved client: batches of jobs with known answers, for as long as the fuzzers run.
  let fuzzing = true;
  const good = await connect(url);
  const wellBehaved = (async () => {
    for (let round = 0; fuzzing || round < 3; round++) {
      const batch: [Promise<unknown[]>, unknown[]][] = [
        [good.predict("echo", [`r${round}`]), [`echo:r${round}`]],
        [good.predict("add", [round % 1000, 2]), [(round % 1000) + 2]],
        [good.predict("pick", ["M"]), ["size M"]],
        [good.predict("stream", [`g${round}`]), [`g${round}:3`]],
      ];
      for (const [result, expected] of batch) expect(await result).toEqual(expected);
      figures.wellBehavedJobs += batch.length;
    }
  })();

  const open = async (): Promise<Socket> => {
    const socket = io(url, { path: "/socket.io", transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve) => {
      socket.once("hello", () => resolve());
      socket.once("connect_error", () => resolve());
    });
    return socket;
  };
  const sockets = await Promise.all(Array.from({ length: SOCKETS }, open));
  const replies = { malformed: 0 };
  // An acknowledgement is counted as pending only once its message is sent: socket.io-client throws on some
  // values (an object whose prototype is a Buffer) before sending anything.
  const ackFor = (pending: { count: number; unsent: number }) => {
    pending.unsent++;
    return (reply: unknown): void => {
      pending.count--;
      figures.acked++;
      const r = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | null;
      if (r?.ok === true) figures.fuzzJobsAccepted++;
      else if (r?.ok !== false || !ERROR_CODES.includes(r.error?.code as never) || typeof r.error?.message !== "string") replies.malformed++;
    };
  };

  // Sockets 0-3 speak Socket.IO with bad payloads; 4-5 also write raw packets under the parser, which often makes
  // the server close them (a parse error), so they reconnect. A message past the hard size cap closes a socket too.
  const fuzzer = async (index: number): Promise<void> => {
    const raw = index >= SOCKETS - 2;
    while (figures.sent < MESSAGES) {
      let socket = sockets[index]!;
      if (!socket.connected) {
        socket.disconnect();
        socket = sockets[index] = await open();
        figures.reconnects++;
        if (!socket.connected) continue;
      }
      const pending = { count: 0, unsent: 0 };
      for (let burst = 0; burst < 20 && figures.sent < MESSAGES && socket.connected; burst++) {
        const roll = g.int(100);
        try {
          if (raw && roll < 30) {
            (socket.io.engine as unknown as { write(data: string): void }).write(g.rawPacket());
            figures.raw++;
          } else if (roll < 45) socket.emit("join", g.mutatedJoin(), ackFor(pending));
          else if (roll < 55) socket.emit("join", g.mutatedJoin());
          else if (roll < 65) socket.emit("cancel", g.pick([{ jobId: "nope" }, g.value(), { jobId: g.value() }]), ackFor(pending));
          else if (roll < 72) socket.emit("join", ...Array.from({ length: g.int(4) }, () => g.value()), ackFor(pending));
          else if (roll < 82) socket.emit(g.eventName(), g.value(), g.value());
          else if (roll < 90) socket.emit(g.eventName());
          else if (roll < 99 || g.int(5) > 0) socket.emit("join", { apiName: "echo", data: ["x".repeat(70_000)] }, ackFor(pending));
          else socket.emit("join", { apiName: "echo", data: ["x".repeat(1_200_000)] }, ackFor(pending));
          figures.sent++;
          pending.count += pending.unsent;
        } catch {
          // socket.io-client refuses some names ("disconnect") and values outright: nothing was sent.
        }
        pending.unsent = 0;
      }
      if (raw) {
        // Whatever a raw packet did to the server's parser, its answers don't matter: on to the next burst.
        await sleep(1);
        continue;
      }
      // Let the server answer before the next burst, so the messages are processed, not just buffered.
      const deadline = Date.now() + 5000;
      while (pending.count > 0 && socket.connected && Date.now() < deadline) await sleep(1);
      expect(pending.count === 0 || !socket.connected, "the server left acknowledged messages unanswered").toBe(true);
      if (pending.count > 0 && socket.connected) ((globalThis as any).__stuck ??= []).push(pending.count);
    }
  };
  await Promise.all(Array.from({ length: SOCKETS }, (_, i) => fuzzer(i)));
  await sleep(200);
  for (const socket of sockets) socket.disconnect();
  fuzzing = false;
  await wellBehaved;
  good.close();

  await until(() => {
    const now = server.counters();
    return now.connections === 0 && now.sessions === 0 && now.jobs === 0 && now.timers === baseline.timers;
  }, 15_000);
  const after = server.counters();
  console.log("stuck", (globalThis as any).__stuck);
  const rssAfter = process.memoryUsage().rss;
  console.log(
    [
      `fuzz (seed ${SEED}): ${figures.sent} messages sent (${figures.raw} raw packets) over ${SOCKETS} sockets, ${figures.reconnects} reconnects,`,
      `  ${figures.acked} acknowledgements (every one a well-formed reply), ${figures.fuzzJobsAccepted} fuzz joins accepted and run, ${figures.wellBehavedJobs} well-behaved jobs completed correctly`,
      `  counters at the end: ${JSON.stringify(after)}`,
      `  RSS before ${(rssBefore / 1e6).toFixed(1)} MB, after ${(rssAfter / 1e6).toFixed(1)} MB`,
    ].join("\n"),
  );
  expect(figures.sent).toBeGreaterThanOrEqual(MESSAGES);
  expect(figures.wellBehavedJobs).toBeGreaterThan(0);
  // The server answered most acknowledged messages (the rest went down with a socket it closed), always well-formed.
  expect(figures.acked).toBeGreaterThan(MESSAGES / 5);
  expect(replies.malformed).toBe(0);
  expect({ ...after, loopStalls: 0 }).toEqual({ ...baseline, loopStalls: 0 });
  expect(logged.filter((line) => /unexpected error|internal/i.test(line))).toEqual([]);
});
