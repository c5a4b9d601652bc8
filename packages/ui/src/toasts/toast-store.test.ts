import { describe, expect, it } from "vitest";
import { ToastStore } from "./toast-store.ts";

function fakeTimers() {
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (fn: () => void) => {
      timers.set(next, fn);
      return next++;
    },
    clearTimer: (handle: unknown) => void timers.delete(handle as number),
    fireAll: () => [...timers.values()].forEach((fn) => fn()),
    count: () => timers.size,
  };
}

describe("ToastStore", () => {
  it("stacks toasts and dismisses them after their duration", () => {
    const timers = fakeTimers();
    const store = new ToastStore(timers);
    store.push({ level: "error", message: "boom" });
    store.push({ level: "info", message: "hi" });
    expect(store.list().map((t) => t.message)).toEqual(["boom", "hi"]);
    timers.fireAll();
    expect(store.list()).toEqual([]);
  });

  it("shows an identical toast once, restarting its timer", () => {
    const timers = fakeTimers();
    const store = new ToastStore(timers);
    store.push({ level: "error", message: "dropped" });
    store.push({ level: "error", message: "dropped" });
    expect(store.list()).toHaveLength(1);
    expect(timers.count()).toBe(1);
  });

  it("closes on demand and notifies subscribers", () => {
    const store = new ToastStore(fakeTimers());
    let calls = 0;
    store.subscribe(() => calls++);
    store.push({ level: "success", message: "ok" });
    store.dismiss(store.list()[0]!.id);
    expect(store.list()).toEqual([]);
    expect(calls).toBe(2);
  });
});
