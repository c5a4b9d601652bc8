import type { AppConfig, ComponentConfig, DependencyConfig, JoinReply, JoinRequest, ServerMessage } from "@blockwork/core";
import { describe, expect, it } from "vitest";
import type { ToastInput } from "../toasts/toast-store.ts";
import { DependencyRunner, type JobTransport } from "./dependency-runner.ts";
import { dependencyConfig } from "./dependency-config.fixture.ts";
import { ValueStore } from "./value-store.ts";

const dep = dependencyConfig;

// 0 blocks · 1 text · 2 out · 3 run · 4 stop · 5 timer · 6 pick · 7 side
const components: ComponentConfig[] = [
  { id: 0, type: "blocks", props: {} },
  { id: 1, type: "textbox", props: {} },
  { id: 2, type: "textbox", props: { interactive: false } },
  { id: 3, type: "button", props: {} },
  { id: 4, type: "button", props: {} },
  { id: 5, type: "timer", props: { intervalMs: 100, active: true } },
  { id: 6, type: "dropdown", props: { choices: ["a", "b"] } },
  { id: 7, type: "textbox", props: {} },
];

function setup(dependencies: DependencyConfig[]) {
  const config: AppConfig = {
    protocolVersion: 1,
    title: "t",
    components,
    layout: { id: 0, children: components.slice(1).map((c) => ({ id: c.id })) },
    dependencies,
    groups: [],
    queue: { defaultConcurrencyLimit: 1, maxSize: null },
  };
  const joins: { request: JoinRequest; reply: (r: JoinReply) => void }[] = [];
  const cancels: string[] = [];
  const toasts: ToastInput[] = [];
  const transport: JobTransport = {
    isConnected: () => true,
    join: (request, reply) => void joins.push({ request, reply }),
    cancel: (jobId) => void cancels.push(jobId),
  };
  const store = new ValueStore(config.components);
  const runner = new DependencyRunner({ config, store, transport, notify: (t) => toasts.push(t), now: () => 0 });
  let next = 0;
  /** Acknowledges the oldest unacknowledged join with a fresh job id, and returns that id. */
  const ack = (): string => {
    const jobId = `j${next}`;
    joins[next++]!.reply({ ok: true, jobId });
    return jobId;
  };
  const send = (...messages: ServerMessage[]) => runner.receive(messages);
  const names = () => joins.map((j) => j.request.apiName);
  return { joins, cancels, toasts, store, runner, ack, send, names };
}

describe("DependencyRunner: trigger modes", () => {
  it("always_last coalesces triggers while pending into one more run with the values current when the job ends", () => {
    const t = setup([dep({ id: 0, apiName: "live", triggers: [{ componentId: 1, event: "change" }], triggerMode: "always_last" })]);
    t.runner.edit(1, "a");
    t.runner.edit(1, "ab");
    t.runner.edit(1, "abc");
    expect(t.joins.map((j) => j.request.data)).toEqual([["a"]]);
    t.send({ type: "complete", jobId: t.ack(), data: ["A"] });
    expect(t.joins.map((j) => j.request.data)).toEqual([["a"], ["abc"]]);
    t.send({ type: "complete", jobId: t.ack(), data: ["ABC"] });
    expect(t.joins).toHaveLength(2);
    expect(t.store.value(2)).toBe("ABC");
  });

  it("multiple runs every trigger at once", () => {
    const t = setup([dep({ id: 0, apiName: "each", triggers: [{ componentId: 3, event: "click" }], triggerMode: "multiple" })]);
    t.runner.trigger(3, "click");
    t.runner.trigger(3, "click");
    expect(t.names()).toEqual(["each", "each"]);
    const first = t.ack();
    t.ack();
    t.send({ type: "complete", jobId: first, data: ["x"] });
    expect(t.runner.busy.get(3)).toBe(true);
  });
});

describe("DependencyRunner: cancels and follow-ups", () => {
  it("a handler-less Stop listener cancels the pending job by id (also one not yet acknowledged), then runs its follow-ups", () => {
    const t = setup([
      dep({ id: 0, apiName: "gen", triggers: [{ componentId: 3, event: "click" }] }),
      dep({ id: 1, apiName: "stop", triggers: [{ componentId: 4, event: "click" }], hasHandler: false, queue: false, groupId: null, inputs: [], outputs: [], cancels: [0], then: [2] }),
      dep({ id: 2, apiName: "after", triggers: [], inputs: [], outputs: [7] }),
    ]);
    t.runner.trigger(3, "click");
    t.runner.trigger(4, "click");
    expect(t.names()).toEqual(["gen", "after"]);
    const id = t.ack();
    expect(t.cancels).toEqual([id]);
    t.send({ type: "started", jobId: id, etaMs: null }, { type: "error", jobId: id, error: { code: "cancelled", message: "cancelled" } });
    expect(t.toasts).toEqual([]);
    expect(t.runner.statuses.get(2).stage).toBe("idle");
    t.send({ type: "complete", jobId: t.ack(), data: ["after"] });
    t.runner.trigger(3, "click");
    const running = t.ack();
    t.runner.trigger(4, "click");
    expect(t.cancels).toEqual([id, running]);
  });

  it("success runs after a completion only, then after any end, with the values current then", () => {
    const t = setup([
      dep({ id: 0, apiName: "main", triggers: [{ componentId: 3, event: "click" }], success: [1], then: [2] }),
      dep({ id: 1, apiName: "onSuccess", triggers: [], inputs: [2], outputs: [7] }),
      dep({ id: 2, apiName: "always", triggers: [], inputs: [2], outputs: [7] }),
    ]);
    t.runner.trigger(3, "click");
    t.send({ type: "complete", jobId: t.ack(), data: ["result"] });
    expect(t.joins.slice(1).map((j) => j.request)).toEqual([
      { apiName: "onSuccess", data: ["result"] },
      { apiName: "always", data: ["result"] },
    ]);
    t.send({ type: "complete", jobId: t.ack(), data: ["s"] });
    t.send({ type: "complete", jobId: t.ack(), data: ["a"] });
    t.runner.trigger(3, "click");
    t.send({ type: "error", jobId: t.ack(), error: { code: "handler", message: "boom" } });
    expect(t.names().slice(3)).toEqual(["main", "always"]);
  });
});

describe("DependencyRunner: progress display, ticks and event data", () => {
  it("shows status on showProgressOn instead of the outputs, minimal or not at all", () => {
    const t = setup([
      dep({ id: 0, apiName: "on", triggers: [{ componentId: 3, event: "click" }], showProgressOn: [7] }),
      dep({ id: 1, apiName: "min", triggers: [{ componentId: 4, event: "click" }], outputs: [7], showProgress: "minimal" }),
      dep({ id: 2, apiName: "hid", triggers: [{ componentId: 6, event: "change" }], showProgress: "hidden" }),
    ]);
    t.runner.trigger(3, "click");
    expect(t.runner.statuses.get(7).stage).toBe("pending");
    expect(t.runner.statuses.get(2).stage).toBe("idle");
    t.send({ type: "complete", jobId: t.ack(), data: ["x"] });
    t.runner.trigger(4, "click");
    expect(t.runner.statuses.get(7)).toMatchObject({ stage: "pending", minimal: true });
    t.runner.edit(6, "b");
    expect(t.runner.statuses.get(2).stage).toBe("idle");
  });

  it("a tick runs the Timer's listeners with the current values; a select sends its event data", () => {
    const t = setup([
      dep({ id: 0, apiName: "poll", triggers: [{ componentId: 5, event: "tick" }] }),
      dep({ id: 1, apiName: "picked", triggers: [{ componentId: 6, event: "select" }], inputs: [6] }),
    ]);
    t.runner.edit(1, "now");
    t.send({ type: "tick", componentId: 5 });
    t.send({ type: "tick", componentId: 5 });
    expect(t.joins.map((j) => j.request)).toEqual([{ apiName: "poll", data: ["now"] }]);
    t.runner.trigger(6, "select", { eventData: { index: 1, value: "b", selected: true } });
    expect(t.joins[1]!.request).toEqual({ apiName: "picked", data: [null], eventData: { index: 1, value: "b", selected: true } });
  });
});

describe("DependencyRunner: a reloaded app (blockwork dev)", () => {
  it("fires the new version's listeners, and a job pending across the reload fills its listener's new outputs", () => {
    const t = setup([dep({ id: 0, apiName: "make", triggers: [{ componentId: 3, event: "click" }] })]);
    t.runner.trigger(3, "click");
    const pending = t.ack();
    // The new version moved make's output to component 7 and added a listener on button 4.
    const config: AppConfig = {
      protocolVersion: 1,
      title: "t",
      components,
      layout: { id: 0, children: components.slice(1).map((c) => ({ id: c.id })) },
      dependencies: [
        dep({ id: 0, apiName: "added", triggers: [{ componentId: 4, event: "click" }] }),
        dep({ id: 1, apiName: "make", triggers: [{ componentId: 3, event: "click" }], outputs: [7] }),
      ],
      groups: [],
      queue: { defaultConcurrencyLimit: 1, maxSize: null },
    };
    const store = t.store.carryOver(components);
    t.runner.reconfigure(config, store);
    expect(t.runner.statuses.get(7).stage).toBe("pending");
    expect(t.runner.busy.get(3)).toBe(true);
    t.runner.trigger(3, "click");
    expect(t.names()).toEqual(["make"]);

    t.send({ type: "complete", jobId: pending, data: ["made"] });
    expect(store.value(7)).toBe("made");
    expect(t.runner.statuses.get(7).stage).toBe("idle");
    t.runner.trigger(4, "click");
    expect(t.names()).toEqual(["make", "added"]);
  });
});
