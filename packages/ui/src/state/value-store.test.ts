import { describe, expect, it } from "vitest";
import { ValueStore } from "./value-store.ts";

const store = () =>
  new ValueStore([
    { id: 1, type: "textbox", props: { label: "Prompt" } },
    { id: 2, type: "slider", props: { minimum: 5 } },
    { id: 3, type: "dropdown", props: { multiselect: true, choices: ["a", "b"] } },
    { id: 4, type: "dropdown", props: { choices: ["a", "b"] } },
    { id: 5, type: "checkbox", props: { value: true } },
  ]);

describe("ValueStore", () => {
  it("carries a value over to a reloaded app's component of the same id and type; others start afresh", () => {
    const s = store();
    s.setValue(1, "typed");
    s.setValue(2, 9);
    const next = s.carryOver([
      { id: 1, type: "textbox", props: { label: "Renamed" } },
      { id: 2, type: "number", props: {} },
    ]);
    expect(next.value(1)).toBe("typed");
    expect(next.view(1).props).toEqual({ label: "Renamed" });
    expect(next.value(2)).toBe(0);
  });

  it("starts from each type's empty value or the value prop", () => {
    const s = store();
    expect([1, 2, 3, 4, 5].map((id) => s.value(id))).toEqual(["", 5, [], null, true]);
  });

  it("reports whether a value changed, comparing as JSON", () => {
    const s = store();
    expect(s.setValue(3, ["a"])).toBe(true);
    expect(s.setValue(3, ["a"])).toBe(false);
    expect(s.setValue(99, "x")).toBe(false);
  });

  it("applies output updates to props and value", () => {
    const s = store();
    let notified = 0;
    s.subscribe(4, () => notified++);
    expect(s.update(4, { choices: ["x", "y"], visible: false })).toBe(false);
    expect(s.view(4).props).toMatchObject({ choices: ["x", "y"], visible: false });
    expect(s.update(4, { value: "x" })).toBe(true);
    expect(s.value(4)).toBe("x");
    expect(notified).toBe(2);
    expect(s.update(4, { value: "x", visible: false })).toBe(false);
    expect(notified).toBe(2);
  });

  it("resets a value to the config's, keeping updated props", () => {
    const s = store();
    s.update(1, { value: "typed", label: "New" });
    expect(s.reset(1)).toBe(true);
    expect(s.value(1)).toBe("");
    expect(s.view(1).props.label).toBe("New");
    expect(s.reset(1)).toBe(false);
  });
});
