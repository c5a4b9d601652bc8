import {
  Blocks,
  Button,
  Checkbox,
  compile,
  Dropdown,
  Image,
  Json,
  Label,
  listener,
  Markdown,
  NumberBox,
  Radio,
  Slider,
  Textbox,
  type AnyComponent,
} from "@blockwork/core";
import { describe, expect, test } from "vitest";
import { connect, serve } from "./harness.ts";

/**
 * Each component's value type survives both trips: as an initial value through the JSON config, and as an
 * input and output through the wire protocol (a handler that echoes what it gets).
 */
const cases: { name: string; make: (value: unknown) => AnyComponent; value: unknown }[] = [
  { name: "Textbox", make: (value) => Textbox({ label: "in", value: value as string }), value: "héllo\nwörld 👋" },
  { name: "NumberBox", make: (value) => NumberBox({ label: "in", value: value as number }), value: -12.5 },
  { name: "Slider", make: (value) => Slider({ label: "in", minimum: 0, maximum: 10, step: 0.5, value: value as number }), value: 7.5 },
  { name: "Checkbox", make: (value) => Checkbox({ label: "in", value: value as boolean }), value: true },
  { name: "Dropdown", make: (value) => Dropdown({ label: "in", choices: ["a", "b"], value: value as string }), value: "b" },
  {
    name: "Dropdown (multiselect)",
    make: (value) => Dropdown({ label: "in", choices: ["a", "b", "c"], multiselect: true, value: value as string[] }),
    value: ["a", "c"],
  },
  { name: "Radio", make: (value) => Radio({ label: "in", choices: ["S", "M"], value: value as string }), value: "M" },
  { name: "Image", make: (value) => Image({ label: "in", type: "url", value: value as string }), value: "https://example.com/cat.png" },
  { name: "Markdown", make: (value) => Markdown({ label: "in", value: value as string }), value: "# Title\n\n**bold**" },
  {
    name: "Json",
    make: (value) => Json({ label: "in", value: value as never }),
    value: { nested: [1, "two", null, { three: true }], n: 1.5 },
  },
  { name: "Label", make: (value) => Label({ label: "in", value: value as never }), value: { cat: 0.8, dog: 0.2 } },
  { name: "Button", make: (value) => Button({ value: value as string }), value: "Press me" },
];

describe.each(cases)("$name", ({ make, value }) => {
  test("its value round-trips through the config and the protocol", async () => {
    const input = make(value);
    const output = make(null);
    const echo = listener((v: unknown) => v, { inputs: [input], outputs: [output], apiName: "echo" });
    const app = (
      <Blocks>
        {input}
        {output}
        <Button onClick={echo}>Echo</Button>
      </Blocks>
    );
    const { config } = compile(app);
    const inputConfig = JSON.parse(JSON.stringify(config)).components.find((c: { id: number }) => c.id === config.dependencies[0]!.inputs[0]);
    expect(inputConfig.props.value).toEqual(value);

    const { url } = await serve(app);
    const client = await connect(url);
    expect(await client.predict("echo", [inputConfig.props.value])).toEqual([value]);
  });
});
