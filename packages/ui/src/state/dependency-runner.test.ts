import type { AppConfig, JoinReply, JoinRequest, ServerMessage } from "@blockwork/core";
import { describe, expect, it } from "vitest";
import type { ToastInput } from "../toasts/toast-store.ts";
import { DependencyRunner, type JobTransport } from "./dependency-runner.ts";
import { dependencyConfig } from "./dependency-config.fixture.ts";
import { ValueStore } from "./value-store.ts";

const dep = dependencyConfig;

// 0 blocks · 1 prompt · 2 output · 3 button · 4 mirror (a change listener writing back into its own input)
const config: AppConfig = {
  protocolVersion: 1,
  title: "t",
  components: [
    { id: 0, type: "blocks", props: {} },
    { id: 1, type: "textbox", props: { label: "Prompt" } },
    { id: 2, type: "textbox", props: { label: "Out", interactive: false } },
    { id: 3, type: "button", props: { value: "Go" } },
    { id: 4, type: "textbox", props: { label: "Mirror" } },
  ],
  layout: { id: 0, children: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }] },
  dependencies: [
    dep({ id: 0, apiName: "greet", triggers: [{ componentId: 3, event: "click" }, { componentId: 1, event: "submit" }], inputs: [1], outputs: [2] }),
    dep({ id: 1, apiName: "on_out", triggers: [{ componentId: 2, event: "change" }], inputs: [2], outputs: [4] }),
    dep({ id: 2, apiName: "normalize", triggers: [{ componentId: 4, event: "change" }], inputs: [4], outputs: [4] }),
    dep({ id: 3, apiName: "boot", triggers: [{ componentId: 0, event: "load" }], inputs: [], outputs: [1] }),
  ],
  groups: [],
  queue: { defaultConcurrencyLimit: 1, maxSize: null },
};

function setup() {
  const joins: { request: JoinRequest; reply: (r: JoinReply) => void }[] = [];
  const cancels: string[] = [];
  const toasts: ToastInput[] = [];
  let connected = true;
  let clock = 0;
  const transport: JobTransport = {
    isConnected: () => connected,
    join: (request, reply) => void joins.push({ request, reply }),
    cancel: (jobId) => void cancels.push(jobId),
  };
  const store = new ValueStore(config.components);
  const runner = new DependencyRunner({ config, store, transport, notify: (t) => toasts.push(t), now: () => clock });
  const ack = (i: number, jobId: string) => joins[i]!.reply({ ok: true, jobId });
  const send = (...messages: ServerMessage[]) => runner.receive(messages);
  return {
    joins,
    cancels,
    toasts,
    store,
    runner,
    ack,
    send,
    tick: (ms: number) => void (clock += ms),
    setConnected: (c: boolean) => void (connected = c),
  };
}

describe("DependencyRunner", () => {
  it("sends the inputs in order on a trigger and fills the outputs on complete", () => {
    const t = setup();
    t.runner.edit(1, "Ada");
    t.runner.trigger(3, "click");
    expect(t.joins.map((j) => j.request)).toEqual([{ apiName: "greet", data: ["Ada"] }]);
    t.ack(0, "j1");
    t.send({ type: "complete", jobId: "j1", data: ["Hello Ada"] });
    expect(t.store.value(2)).toBe("Hello Ada");
    expect(t.runner.statuses.get(2)).toEqual({ stage: "idle" });
  });

  it("ignores triggers while its job is pending (trigger mode once) and shows the button busy", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    t.runner.trigger(3, "click");
    t.runner.trigger(1, "submit");
    expect(t.joins).toHaveLength(1);
    expect(t.runner.busy.get(3)).toBe(true);
    t.ack(0, "j1");
    t.send({ type: "complete", jobId: "j1", data: ["x"] });
    expect(t.runner.busy.get(3)).toBe(false);
    t.runner.trigger(3, "click");
    expect(t.joins.filter((j) => j.request.apiName === "greet")).toHaveLength(2);
  });

  it("tracks queue position and processing on the outputs", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    expect(t.runner.statuses.get(2)).toMatchObject({ stage: "pending", since: 0 });
    t.ack(0, "j1");
    t.tick(500);
    t.send({ type: "queued", jobId: "j1", groupId: "api:greet", ticket: 7, rank: 2, size: 3, estimate: { firstMs: 1000, perRankMs: 1000 } });
    expect(t.runner.statuses.get(2)).toMatchObject({ stage: "queued", rank: 2, size: 3, etaTotalMs: 3500 });
    t.send({ type: "group", groupId: "api:greet", left: [5, 7], size: 1, estimate: { firstMs: 1000, perRankMs: 1000 } });
    expect(t.runner.statuses.get(2)).toMatchObject({ stage: "queued", rank: 0, size: 1, etaTotalMs: 1500 });
    t.send({ type: "started", jobId: "j1", etaMs: 2000 });
    expect(t.runner.statuses.get(2)).toMatchObject({ stage: "processing", etaTotalMs: 2500 });
  });

  it("handles messages that arrive before the join's acknowledgement", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    t.send({ type: "started", jobId: "j1", etaMs: null }, { type: "complete", jobId: "j1", data: ["early"] });
    t.ack(0, "j1");
    expect(t.store.value(2)).toBe("early");
    expect(t.runner.busy.get(3)).toBe(false);
  });

  it("fires change for output updates, but never re-fires a dependency from its own output", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    t.ack(0, "j1");
    t.send({ type: "complete", jobId: "j1", data: ["v1"] });
    // Out changed → on_out runs.
    expect(t.joins.map((j) => j.request.apiName)).toEqual(["greet", "on_out"]);
    t.ack(1, "j2");
    t.send({ type: "complete", jobId: "j2", data: ["m"] });
    // Mirror changed → normalize runs; its own write to Mirror must not fire it again.
    expect(t.joins.map((j) => j.request.apiName)).toEqual(["greet", "on_out", "normalize"]);
    t.ack(2, "j3");
    t.send({ type: "complete", jobId: "j3", data: ["M"] });
    expect(t.store.value(4)).toBe("M");
    expect(t.joins).toHaveLength(3);
  });

  it("does not fire change when an output's value is unchanged, and applies __update__ props", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    t.ack(0, "j1");
    t.send({ type: "complete", jobId: "j1", data: [{ __update__: { label: "Renamed", visible: true } }] });
    expect(t.store.view(2).props).toMatchObject({ label: "Renamed", visible: true });
    expect(t.joins).toHaveLength(1);
  });

  it("fires input on every user edit and change only when the value differs", () => {
    const t = setup();
    t.runner.edit(4, "a");
    t.runner.edit(4, "a");
    expect(t.joins.map((j) => j.request)).toEqual([{ apiName: "normalize", data: ["a"] }]);
  });

  it("streams partial results as generating", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    t.ack(0, "j1");
    t.send({ type: "partial", jobId: "j1", data: ["He"] });
    expect(t.store.value(2)).toBe("He");
    expect(t.runner.statuses.get(2).stage).toBe("generating");
  });

  it("shows a handler error as a toast and an error state until the next run", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    t.ack(0, "j1");
    t.send({ type: "error", jobId: "j1", error: { code: "handler", message: "Boom", errorId: "e1" } });
    expect(t.toasts).toEqual([{ level: "error", message: "Boom", detail: "Error id: e1" }]);
    expect(t.runner.statuses.get(2)).toEqual({ stage: "error", message: "Boom" });
    expect(t.runner.busy.get(3)).toBe(false);
    t.runner.trigger(3, "click");
    expect(t.runner.statuses.get(2).stage).toBe("pending");
  });

  it("says when to retry a full queue, without an error state", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    t.joins[0]!.reply({ ok: false, error: { code: "queue_full", message: "full", retryAfterMs: 2100 } });
    expect(t.toasts).toEqual([{ level: "error", message: "The queue is full. Try again in 3 s." }]);
    expect(t.runner.statuses.get(2).stage).toBe("idle");
  });

  it("passes alerts on as toasts", () => {
    const t = setup();
    t.runner.trigger(3, "click");
    t.ack(0, "j1");
    t.send({ type: "alert", jobId: "j1", level: "warning", message: "Careful" });
    expect(t.toasts).toEqual([{ level: "warning", message: "Careful" }]);
  });

  it("fires load listeners once", () => {
    const t = setup();
    t.runner.load();
    t.runner.load();
    expect(t.joins.map((j) => j.request.apiName)).toEqual(["boot"]);
  });

  it("refuses to fire while disconnected", () => {
    const t = setup();
    t.runner.load();
    t.setConnected(false);
    t.runner.trigger(3, "click");
    expect(t.joins.map((j) => j.request.apiName)).toEqual(["boot"]);
    expect(t.toasts[0]?.level).toBe("warning");
  });

  it("holds a trigger fired before the page's first connection and runs it once connected", () => {
    const t = setup();
    t.setConnected(false);
    t.runner.edit(1, "early");
    t.runner.trigger(3, "click");
    t.runner.trigger(3, "click");
    expect(t.joins).toHaveLength(0);
    t.setConnected(true);
    t.runner.load();
    expect(t.joins.map((j) => j.request)).toEqual([
      { apiName: "boot", data: [] },
      { apiName: "greet", data: ["early"] },
    ]);
    expect(t.toasts).toEqual([]);
  });

  describe("after a reconnect", () => {
    it("keeps the running and waiting jobs of a resumed session; a waiting one is told its place again", () => {
      const t = setup();
      t.runner.trigger(3, "click");
      t.ack(0, "j1");
      t.send({ type: "started", jobId: "j1", etaMs: null });
      t.runner.edit(4, "x");
      t.ack(1, "j2");
      t.send({ type: "queued", jobId: "j2", groupId: "api:normalize", ticket: 1, rank: 1, size: 2, estimate: null });
      t.runner.reconnected(true);
      expect(t.toasts).toEqual([]);
      t.send({ type: "queued", jobId: "j2", groupId: "api:normalize", ticket: 1, rank: 0, size: 1, estimate: null });
      expect(t.runner.statuses.get(4)).toMatchObject({ stage: "queued", rank: 0, size: 1 });
      expect(t.runner.statuses.get(2).stage).toBe("processing");
      t.send({ type: "complete", jobId: "j1", data: ["late"] });
      expect(t.store.value(2)).toBe("late");
    });

    it("drops every job of a session the server could not resume", () => {
      const t = setup();
      t.runner.trigger(3, "click");
      t.ack(0, "j1");
      t.send({ type: "started", jobId: "j1", etaMs: null });
      t.runner.reconnected(false);
      expect(t.runner.statuses.get(2).stage).toBe("idle");
      expect(t.runner.busy.get(3)).toBe(false);
      expect(t.toasts).toHaveLength(1);
    });

    it("cancels a job whose acknowledgement comes after it was dropped", () => {
      const t = setup();
      t.runner.trigger(3, "click");
      t.runner.reconnected(true);
      t.ack(0, "j9");
      expect(t.cancels).toEqual(["j9"]);
    });

    it("reports a disconnected error as a dropped job", () => {
      const t = setup();
      t.runner.trigger(3, "click");
      t.ack(0, "j1");
      t.send({ type: "error", jobId: "j1", error: { code: "disconnected", message: "gone" } });
      expect(t.toasts).toEqual([{ level: "error", message: "Your job was dropped when the connection was lost" }]);
      expect(t.runner.statuses.get(2).stage).toBe("idle");
    });
  });

  it("resets values for a ClearButton and fires change", () => {
    const t = setup();
    t.runner.setValue(4, "abc");
    expect(t.joins).toHaveLength(1);
    t.ack(0, "j1");
    t.send({ type: "complete", jobId: "j1", data: ["abc"] });
    t.runner.reset(4);
    expect(t.store.value(4)).toBe("");
    expect(t.joins).toHaveLength(2);
  });
});

describe("inputs larger than the server accepts", () => {
  it("are not sent: the job fails at once with too_large, saying how much was too much", () => {
    const joins: JoinRequest[] = [];
    const toasts: ToastInput[] = [];
    const limited: AppConfig = { ...config, limits: { maxPayloadBytes: 1_000 } };
    const store = new ValueStore(limited.components);
    const transport: JobTransport = { isConnected: () => true, join: (request) => void joins.push(request), cancel: () => undefined };
    const runner = new DependencyRunner({ config: limited, store, transport, notify: (t) => toasts.push(t), now: () => 0 });
    runner.edit(1, "x".repeat(2_500));
    runner.trigger(3, "click");
    expect(joins).toEqual([]);
    expect(toasts).toEqual([expect.objectContaining({ message: 'Too much to send: the inputs of "greet" take 3 kB, and this server accepts at most 1 kB per message.' })]);
    expect(runner.statuses.get(2)).toMatchObject({ stage: "error" });
    runner.edit(1, "fits");
    runner.trigger(3, "click");
    expect(joins).toHaveLength(1);
  });
});
