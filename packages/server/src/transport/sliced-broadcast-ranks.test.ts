import { Blocks, Button, compile, listener, QueuePosition, Textbox, type GroupMessage, type JobMessage, type ServerMessage } from "@blockwork/core";
import { expect, test } from "vitest";
import type { Job } from "../queue/job.ts";
import { QueueRuntime } from "../queue/queue-runtime.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";
import type { Session } from "../session/session.ts";
import { FakeClock } from "../testing/fake-clock.ts";
import { Outbox } from "./outbox.ts";

/**
 * The runtime over the real `Outbox`, with room broadcasts sliced two connections at a time and paced: a fake
 * transport delivers each connection's frames in order to a client that derives its ranks as `@blockwork/client`
 * does. Under random joins (several jobs per connection), starts, cancels and partly delivered broadcasts, every
 * client must end up showing its true rank.
 */
test("clients derive their true ranks from sliced, held and coalesced group broadcasts", async () => {
  const clock = new FakeClock();
  const turns: (() => void)[] = [];
  const rooms = new Map<string, Set<string>>();
  const positions = new Map<string, Map<string, QueuePosition>>();
  const receive = (connection: string, frame: ServerMessage[]): void => {
    let own = positions.get(connection);
    if (!own) positions.set(connection, (own = new Map()));
    for (const message of frame) {
      if (message.type === "group") for (const p of own.values()) p.apply(message);
      else if (message.type === "queued") own.set(message.jobId, new QueuePosition(message));
      else if (message.type !== "tick") own.delete(message.jobId);
    }
  };
  let writeCost = 0;
  const outbox = new Outbox(
    {
      toConnection: (id, frame) => receive(id, frame),
      toConnections: (ids, frame) => {
        writeCost += ids.length;
        for (const id of ids) receive(id, frame);
      },
      members: (room) => rooms.get(room) ?? [],
    },
    { sliceSize: 2, cpuShare: 0.5, defer: (fn) => turns.push(fn), now: () => clock.now() * 1000 + writeCost },
  );
  const room = (job: Job) => `group:${job.groupId!}`;
  const count = new Map<string, number>();
  /** The truth: waiting jobs (and their owners) in ticket order, as the runtime reports them to its sink. */
  const waiting = new Map<string, string>();
  const sink: RuntimeSink = {
    send: (job: Job, message: JobMessage) => outbox.send(job.owner!, message),
    deliver: (connection: string, message: JobMessage) => outbox.send(connection, message),
    broadcast: (message: GroupMessage) => outbox.broadcast(`group:${message.groupId}`, message),
    holdGroupUpdateMs: (groupId) => outbox.holdMs(`group:${groupId}`) / 1000,
    enteredQueue: (job) => {
      waiting.set(job.id, job.owner!);
      const key = `${job.owner}/${room(job)}`;
      count.set(key, (count.get(key) ?? 0) + 1);
      if (!rooms.has(room(job))) rooms.set(room(job), new Set());
      rooms.get(room(job))!.add(job.owner!);
    },
    leftQueue: (job) => {
      waiting.delete(job.id);
      const key = `${job.owner}/${room(job)}`;
      const left = (count.get(key) ?? 0) - 1;
      if (left > 0) count.set(key, left);
      else {
        count.delete(key);
        rooms.get(room(job))!.delete(job.owner!);
      }
    },
  };

  const calls: ((value: string) => void)[] = [];
  const input = Textbox();
  const output = Textbox();
  const run = listener((_text: string) => new Promise<string>((resolve) => calls.push(resolve)), { inputs: [input], outputs: [output], apiName: "w", concurrencyLimit: 2 });
  const compiled = compile(Blocks({ children: [input, output, Button({ onClick: run })] }));
  let n = 0;
  const runtime = new QueueRuntime({ compiled, sink, logger: { error: () => {}, warn: () => {} }, clock, groupUpdateIntervalMs: 10, newId: () => `j${n++}` });
  const sessions = new Map<string, Session>();
  const sessionOf = (owner: string): Session => {
    let s = sessions.get(owner);
    if (!s) sessions.set(owner, (s = { id: `session-${owner}`, state: new Map() }));
    return s;
  };
  const dependencyId = compiled.config.dependencies[0]!.id;

  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let settled = 0;
  let checked = 0;
  for (let step = 0; step < 1500; step++) {
    const r = random();
    if (r < 0.4) {
      const owner = `c${Math.floor(random() * 12)}`;
      runtime.submit({ owner, session: sessionOf(owner), dependencyId, data: [`${step}`] });
    } else if (r < 0.6 && settled < calls.length) {
      calls[settled++]!(`${step}`);
    } else if (r < 0.68 && waiting.size > 0) {
      const [id, owner] = [...waiting][Math.floor(random() * waiting.size)]!;
      runtime.cancel(id, `session-${owner}`);
    } else if (r < 0.9) {
      turns.shift()?.();
    } else {
      clock.advance(Math.floor(random() * 8));
    }
    await new Promise((resolve) => setImmediate(resolve));

    if (step % 100 === 99) {
      // Let every update and slice go out, then compare what each client shows with the truth.
      for (let i = 0; i < 50 && (turns.length > 0 || outbox.holdMs("group:api:w") > 0 || i < 3); i++) {
        while (turns.length > 0) turns.shift()!();
        clock.advance(20);
      }
      const truth = [...waiting];
      truth.forEach(([id, owner], rank) => {
        expect(positions.get(owner)?.get(id)?.snapshot(), `${id} of ${owner} at step ${step}`).toMatchObject({ rank, size: truth.length });
      });
      checked += truth.length;
    }
  }
  expect(checked).toBeGreaterThan(100);
});
