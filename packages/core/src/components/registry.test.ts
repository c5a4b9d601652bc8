import { describe, expect, test } from "vitest";
import { DEFAULT_VALUE_LIMITS } from "./value-checks.ts";
import { COMPONENT_DEFINITIONS, definitionOf, isComponentType } from "./registry.ts";

describe("component definitions", () => {
  test("each type is defined once, and found by its type", () => {
    const types = COMPONENT_DEFINITIONS.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const definition of COMPONENT_DEFINITIONS) expect(definitionOf(definition.type)).toBe(definition);
    expect(isComponentType("state")).toBe(false);
    expect(definitionOf("future-widget")).toBeUndefined();
  });

  // Props under which each kind's default value is interesting: a range, choices, a multiselect.
  const PROPS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
    slider: { minimum: 3, maximum: 9 },
    dropdown: { choices: ["a", "b"], multiselect: true },
    radio: { choices: ["a", "b"] },
    timer: { intervalMs: 250 },
  };

  test.each(COMPONENT_DEFINITIONS.filter((d) => d.kind !== "layout").map((d) => [d.type, d] as const))(
    "%s: its value before any edit passes its own input and output checks, and its schema is JSON",
    (type, definition) => {
      const props = (PROPS[type] ?? {}) as Parameters<typeof definition.initial>[0];
      const initial = definition.initial(props);
      expect(definition.checkInput(initial, { props, limits: DEFAULT_VALUE_LIMITS })).toBeUndefined();
      if (initial !== null) expect(definition.checkOutput(initial, { props, limits: DEFAULT_VALUE_LIMITS })).toBeUndefined();
      const schema = definition.schema(props);
      expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    },
  );

  test("schemas carry what a caller needs: ranges and choices", () => {
    expect(definitionOf("slider")!.schema({ minimum: 3, maximum: 9 })).toEqual({ type: "number", minimum: 3, maximum: 9 });
    expect(definitionOf("number")!.schema({})).toEqual({ type: "number" });
    expect(definitionOf("radio")!.schema({ choices: ["a", "b"] })).toEqual({ anyOf: [{ enum: ["a", "b"] }, { type: "null" }] });
    expect(definitionOf("dropdown")!.schema({ choices: ["a"], multiselect: true })).toEqual({ type: "array", items: { enum: ["a"] } });
  });
});
