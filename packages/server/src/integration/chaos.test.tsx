import { Client, type Job } from "@blockwork/client";
import { Blocks, Button, listener, Textbox } from "@blockwork/core";
import { expect, test } from "vitest";
import { Latch, Recorder, serve, sleep, until } from "./harness.ts";

/**
 * 500 clients join, cancel and disconnect at random moments (waiting, running, mid-stream) for a while, then the
 * queue is checked for leaks. CI runs 10 s; the full run is 30 s:
 *   BLOCKWORK_CHAOS_MS=30000 npx vitest run packages/server/src/integration/chaos.test.tsx
 */
const DURATION_MS = Number(process.env.BLOCKWORK_CHAOS_MS ?? 10_000);
const CLIENTS = Number(process.env.BLOCKWORK_CHAOS_CLIENTS ?? 500);
const LIMIT = 4;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(`chaos: ${CLIENTS} clients join, cancel and leave at random for ${DURATION_MS / 1000} s; no slot leaks, no orphan starts, no double runs`, { timeout: DURATION_MS + 120_000 }, async () => {
  const starts = new Map<string, number>();
  const record = new Recorder();
  let hold: Latch | null = null;
  const text = Textbox();
  // Streams `steps` partials; stops early when cancelled. After the chaos, `hold` keeps jobs running for the
  // slot check.
  const work = listener(
    async function* (tag: string, ctx) {
      starts.set(tag, (starts.get(tag) ?? 0) + 1);
      record.start(tag);
      try {
        if (hold) await hold.opened;
        const steps = Number(tag.split(":")[1] ?? 1);
        for (let i = 1; i <= steps && !ctx.signal.aborted; i++) {
          await sleep(8);
          yield `${tag} ${i}/${steps}`;
        }
      } finally {
        record.end(tag);
      }
    },
    { inputs: [text], outputs: [text], apiName: "work", concurrencyLimit: LIMIT },
  );
  const { url, server, logged } = await serve(
    <Blocks>
      {text}
      <Button onClick={work}>Work</Button>
    </Blocks>,
    { sessionTtlMs: 300 },
  );
  const baseline = server.counters();
  const rssBefore = process.memoryUsage().rss;
  const rng = prng(Number(process.env.BLOCKWORK_CHAOS_SEED ?? 7));
  const figures = { connects: 0, joins: 0, cancels: 0, departures: 0, completed: 0, cancelled: 0, dropped: 0, partials: 0, otherErrors: [] as string[] };
  /** Cancels and departures by the moment they happened: waiting (queued), running (started), mid-stream (partial). */
  const moments = { cancel: { queued: 0, started: 0, partial: 0 }, leave: { queued: 0, started: 0, partial: 0 } };
  const deadline = Date.now() + DURATION_MS;

  /** One simulated user: submits jobs and, at random moments, cancels one or leaves (and comes back as a new client). */
  const user = async (index: number): Promise<void> => {
    let client: Client | null = null;
    for (let n = 0; Date.now() < deadline; n++) {
      if (!client) {
        // The subject is the queue under churn, not connect latency: on a loaded machine 500 handshakes queue up.
        client = await Client.connect(url, { resumeTimeoutMs: 1000, timeoutMs: 60_000 });
        figures.connects++;
      }
      const steps = 1 + Math.floor(rng() * 6);
      const job: Job = client.submit("work", [`u${index}-${n}:${steps}`]);
      figures.joins++;
      const roll = rng();
      const action = roll < 0.2 ? "cancel" : roll < 0.35 ? "leave" : "none";
      const moment = (["queued", "started", "partial"] as const)[Math.floor(rng() * 3)]!;
      let acted = false;
      for await (const event of job) {
        if (event.type === "partial") figures.partials++;
        if (event.type === "complete") figures.completed++;
        if (event.type === "error") {
          if (event.code === "cancelled") figures.cancelled++;
          else if (event.code === "disconnected") figures.dropped++;
          else figures.otherErrors.push(`${event.code}: ${event.message}`);
        }
        if (acted || action === "none" || event.type !== moment) continue;
        acted = true;
        moments[action][moment]++;
        if (action === "cancel") {
          figures.cancels++;
          void job.cancel();
        } else {
          figures.departures++;
          client.close();
          client = null;
          break;
        }
      }
      if (rng() < 0.05 && client) {
        // Leaves between jobs, too.
        figures.departures++;
        client.close();
        client = null;
      }
      await sleep(Math.floor(rng() * 20));
    }
    client?.close();
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => sleep(Math.floor(rng() * 500)).then(() => user(i))));

  // Everyone has left: running jobs finish, sessions expire, and every count is back where it started.
  await until(() => {
    const now = server.counters();
    return now.connections === 0 && now.sessions === 0 && now.jobs === 0 && now.running === 0 && now.timers === baseline.timers;
  }, 30_000);
  const afterChaos = server.counters();

  // No slot leaked: the group still runs exactly its limit at once. LIMIT + 6 jobs, held until all have joined.
  hold = new Latch();
  record.events.length = 0;
  const probe = await Client.connect(url, { timeoutMs: 60_000 });
  const probes = Array.from({ length: LIMIT + 6 }, (_, i) => probe.submit("work", [`probe${i}:1`]));
  await Promise.all(probes.map((job) => job.joined));
  await until(() => record.started().length === LIMIT);
  await sleep(100);
  expect(record.started()).toHaveLength(LIMIT);
  hold.open();
  const probeResults = await Promise.all(probes.map((job) => job.result()));
  expect(probeResults).toEqual(probes.map((_, i) => [`probe${i}:1 1/1`]));
  expect(record.maxConcurrent()).toBe(LIMIT);
  probe.close();
  await until(() => server.counters().sessions === 0 && server.counters().connections === 0);
  const end = server.counters();
  const rssAfter = process.memoryUsage().rss;

  const doubles = [...starts].filter(([, count]) => count > 1);
  console.log(
    [
      `chaos: ${CLIENTS} clients for ${DURATION_MS / 1000} s: ${figures.connects} connections, ${figures.joins} joins, ${figures.cancels} cancels, ${figures.departures} departures`,
      `  cancels while waiting/running/mid-stream: ${Object.values(moments.cancel).join("/")}; departures with a job waiting/running/mid-stream: ${Object.values(moments.leave).join("/")}`,
      `  jobs: ${figures.completed} completed, ${figures.cancelled} cancelled, ${figures.dropped} dropped, ${starts.size} handlers started (none twice), ${figures.partials} partials received`,
      `  after the chaos: ${JSON.stringify(afterChaos)}`,
      `  slot check: ${LIMIT + 6} jobs, at most ${record.maxConcurrent()} at once (limit ${LIMIT}); counters at the end: ${JSON.stringify(end)}`,
      `  RSS before ${(rssBefore / 1e6).toFixed(1)} MB, after ${(rssAfter / 1e6).toFixed(1)} MB`,
    ].join("\n"),
  );
  expect(figures.otherErrors).toEqual([]);
  expect(doubles).toEqual([]);
  expect(afterChaos.orphanStarts).toBe(0);
  expect(figures.completed).toBeGreaterThan(0);
  expect(figures.cancelled).toBeGreaterThan(0);
  expect(figures.departures).toBeGreaterThan(0);
  expect({ ...end, loopStalls: 0 }).toEqual({ ...baseline, loopStalls: 0 });
  expect(logged.filter((line) => /unexpected error|internal/i.test(line))).toEqual([]);
});
