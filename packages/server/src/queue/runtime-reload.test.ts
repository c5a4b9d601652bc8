import { listener, State, Textbox, type AnyListener } from "@blockwork/core";
import { describe, expect, test } from "vitest";
import { runtimeHarness } from "../testing/runtime-harness.ts";

/** A handler whose calls the test settles by hand. */
class Calls {
  readonly list: { args: unknown[]; resolve: (value: unknown) => void }[] = [];
  readonly fn = (...args: unknown[]): Promise<any> => new Promise((resolve) => this.list.push({ args: args.slice(0, -1), resolve }));
  inputs(): unknown[] {
    return this.list.map((c) => c.args[0]);
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const input = Textbox();
const output = Textbox();

function work(calls: Calls, apiName: string, options: { concurrencyLimit?: number; concurrencyId?: string } = {}): AnyListener {
  return listener(calls.fn, { inputs: [input], outputs: [output], apiName, ...options });
}

describe("QueueRuntime.reload (blockwork dev)", () => {
  test("running jobs finish on their old handler; waiting jobs keep their place and run the new one; new listeners take jobs", async () => {
    const before = new Calls();
    const after = new Calls();
    const added = new Calls();
    const { sink, submit, reload } = runtimeHarness([work(before, "w", { concurrencyLimit: 1 })], { components: [input, output] });
    const [x, y, z] = ["x", "y", "z"].map((v) => submit("w", [v]));
    await tick();
    expect(before.inputs()).toEqual(["x"]);

    reload([work(added, "added"), work(after, "w", { concurrencyLimit: 1 })]);
    before.list[0]!.resolve("old x");
    await tick();
    expect(sink.of(x!).at(-1)).toEqual({ type: "complete", jobId: x, data: ["old x"] });
    expect(after.inputs()).toEqual(["y"]);
    after.list[0]!.resolve("new y");
    await tick();
    expect(sink.of(y!).at(-1)).toEqual({ type: "complete", jobId: y, data: ["new y"] });
    expect(after.inputs()).toEqual(["y", "z"]);
    expect(sink.types(z!)).toEqual(["queued", "started"]);

    const fresh = submit("added", ["n"]);
    await tick();
    expect(added.inputs()).toEqual(["n"]);
    expect(sink.types(fresh)).toEqual(["started"]);
  });

  test("a waiting job whose listener was removed, or moved to another group, ends with unknown_api; the rest keep their place", async () => {
    const busy = new Calls();
    const { sink, submit, reload } = runtimeHarness([work(busy, "stays", { concurrencyId: "gpu" }), work(busy, "goes", { concurrencyId: "gpu" }), work(busy, "moves", { concurrencyId: "gpu" })], {
      components: [input, output],
      queue: { defaultConcurrencyLimit: 1 },
    });
    submit("stays", ["running"]);
    const goes = submit("goes", ["g"]);
    const moves = submit("moves", ["m"]);
    const stays = submit("stays", ["s"]);
    await tick();

    reload([work(busy, "stays", { concurrencyId: "gpu" }), work(busy, "moves", { concurrencyId: "cpu" })]);
    for (const id of [goes, moves]) expect(sink.of(id).at(-1)).toMatchObject({ type: "error", error: { code: "unknown_api" } });
    busy.list[0]!.resolve("done");
    await tick();
    expect(busy.inputs()).toEqual(["running", "s"]);
    expect(sink.types(stays)).toEqual(["queued", "started"]);
  });

  test("a raised limit starts waiting jobs at once; under a lowered one, slots above it are not handed on", async () => {
    const calls = new Calls();
    const { submit, reload } = runtimeHarness([work(calls, "w", { concurrencyLimit: 1 })], { components: [input, output] });
    for (const v of [1, 2, 3, 4, 5]) submit("w", [v]);
    await tick();
    expect(calls.inputs()).toEqual([1]);

    reload([work(calls, "w", { concurrencyLimit: 3 })]);
    await tick();
    expect(calls.inputs()).toEqual([1, 2, 3]);

    reload([work(calls, "w", { concurrencyLimit: 1 })]);
    calls.list[2]!.resolve("3");
    calls.list[1]!.resolve("2");
    await tick();
    expect(calls.inputs()).toEqual([1, 2, 3]);
    calls.list[0]!.resolve("1");
    await tick();
    expect(calls.inputs()).toEqual([1, 2, 3, 4]);
  });

  test("a running job writes its State output where the reloaded app keeps that State", async () => {
    const calls = new Calls();
    const count = State(0);
    const step = (): AnyListener => listener(calls.fn, { inputs: [count], outputs: [count], apiName: "step" });
    const { submit, reload, sessionOf, compiled } = runtimeHarness([step()], { components: [count] });
    const [oldId] = [...compiled.stateInitials.keys()];
    submit("step", []);
    await tick();

    // A component above the State shifts its id by one.
    reload([step()], [Textbox(), count]);
    calls.list[0]!.resolve(41);
    await tick();
    expect(sessionOf("a").state.get(oldId! + 1)).toBe(41);
    expect(sessionOf("a").state.get(oldId!)).toBe(0);
  });
});
