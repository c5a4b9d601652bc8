import { describe, expectTypeOf, test } from "vitest";
import { Blocks, Button, Dropdown, Image, NumberBox, State, Textbox } from "../index.ts";
import { listener } from "./listener.ts";
import type { Component } from "./node.ts";

describe("typed wiring", () => {
  const prompt = Textbox({ label: "Prompt" });
  const count = NumberBox({ label: "Count" });
  const image = Image({ label: "Result" });

  test("components carry their value types", () => {
    expectTypeOf(prompt).toEqualTypeOf<Component<string>>();
    expectTypeOf(count).toEqualTypeOf<Component<number>>();
    expectTypeOf(Dropdown({ choices: ["a"], multiselect: true })).toEqualTypeOf<Component<string[]>>();
    expectTypeOf(Dropdown({ choices: ["a"] })).toEqualTypeOf<Component<string | null>>();
    expectTypeOf(State(new Map<string, number>())).toEqualTypeOf<Component<Map<string, number>>>();
  });

  test("a handler's parameters follow its inputs and its return type its outputs", () => {
    listener((text: string, n: number) => `${text}${n}`, { inputs: [prompt, count], outputs: [prompt] });
    listener(async (text) => {
      expectTypeOf(text).toEqualTypeOf<string>();
      return [text, text.length] as [string, number];
    }, { inputs: [prompt], outputs: [prompt, count] });
    listener((_text: string, ctx) => {
      expectTypeOf(ctx.session.id).toEqualTypeOf<string>();
    }, { inputs: [prompt] });
  });

  test("a handler taking number wired to a Textbox fails to type-check", () => {
    // @ts-expect-error a Textbox gives a string
    listener((n: number) => n, { inputs: [prompt], outputs: [count] });
    // @ts-expect-error a NumberBox output takes a number, not a string
    listener((text: string) => text, { inputs: [prompt], outputs: [count] });
    // @ts-expect-error two outputs take a tuple
    listener((text: string) => text, { inputs: [prompt], outputs: [prompt, count] });
  });

  test("the call form of an element checks its bare handler too", () => {
    Button({ onClick: (text: string) => text, inputs: [prompt], outputs: [image], children: "Go" });
    // @ts-expect-error wrong input type on an element's own wiring
    Button({ onClick: (n: number) => String(n), inputs: [prompt], outputs: [image], children: "Go" });
  });

  test("the JSX form checks an element's bare handler against its inputs", () => {
    const ok = (
      <Blocks>
        {prompt}
        {image}
        <Button onClick={(text: string) => text} inputs={[prompt]} outputs={[image]} concurrencyLimit={5}>
          Generate
        </Button>
      </Blocks>
    );
    expectTypeOf(ok).toMatchTypeOf<Component<unknown>>();
    const bad = (
      <Blocks>
        {/* @ts-expect-error a Textbox gives a string */}
        <Button onClick={(n: number) => String(n)} inputs={[prompt]} outputs={[image]}>
          Generate
        </Button>
      </Blocks>
    );
    expectTypeOf(bad).toMatchTypeOf<Component<unknown>>();
  });
});
