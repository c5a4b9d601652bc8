import {
  BarPlot,
  Blocks,
  Button,
  Checkbox,
  CheckboxGroup,
  Code,
  ColorPicker,
  compile,
  Dataframe,
  DateTime,
  HighlightedText,
  HTML,
  LinePlot,
  Plot,
  ScatterPlot,
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
  type JoinReply,
} from "@blockwork/core";
import { io } from "socket.io-client";
import { describe, expect, test } from "vitest";
import { connect, later, serve } from "./harness.ts";

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
  ...richCases(),
];

/** The components of rich outputs, each with a value it takes and one its checks refuse (`bad`, `refusal`). */
function richCases(): { name: string; make: (value: unknown) => AnyComponent; value: unknown; bad: unknown; refusal: RegExp }[] {
  const table = { headers: ["model", "score", "released", "open"], rows: [["tiny-ner", 90.4, "2024-05-01", true], ["big-ner", null, null, false]] };
  const rows = [{ family: "Qwen", score: 71.5, open: true }, { family: "Phi", score: null, open: false }];
  return [
    { name: "HTML", make: (value: unknown) => HTML({ label: "in", value: value as string }), value: "<b>bold</b> & <i>kept</i>", bad: 1, refusal: /"in", a HTML\) expects a string; got the number 1/ },
    { name: "Code", make: (value: unknown) => Code({ label: "in", language: "python", value: value as string }), value: "print('hi')\n", bad: ["x"], refusal: /a Code\) expects a string/ },
    {
      name: "Dataframe",
      make: (value: unknown) => Dataframe({ label: "in", datatype: ["str", "number", "date", "bool"], value: value as never }),
      value: table,
      bad: { ...table, rows: [["tiny-ner", "90.4", null, true]] },
      refusal: /a Dataframe\) expects a finite number in row 1, column "score"; got the string "90.4"/,
    },
    { name: "LinePlot", make: (value: unknown) => LinePlot({ label: "in", x: "family", y: "score", value: value as never }), value: rows, bad: [[1, 2]], refusal: /a LinePlot\) expects rows as objects/ },
    { name: "BarPlot", make: (value: unknown) => BarPlot({ label: "in", x: "family", y: "score", value: value as never }), value: rows, bad: "rows", refusal: /a BarPlot\) expects a list of rows/ },
    { name: "ScatterPlot", make: (value: unknown) => ScatterPlot({ label: "in", x: "score", y: "score", value: value as never }), value: rows, bad: [{ score: {} }], refusal: /a ScatterPlot\) expects a string, number, boolean or null in row 1, field "score"/ },
    {
      name: "Plot",
      make: (value: unknown) => Plot({ label: "in", value: value as never }),
      value: { xAxis: { type: "category", data: ["a", "b"] }, yAxis: {}, series: [{ type: "bar", data: [1, 2] }] },
      bad: [1, 2],
      refusal: /a Plot\) expects an ECharts option object or null/,
    },
    { name: "CheckboxGroup", make: (value: unknown) => CheckboxGroup({ label: "in", choices: ["a", "b", "c"], value: value as string[] }), value: ["a", "c"], bad: ["d"], refusal: /a CheckboxGroup\) expects only choices from \["a", "b", "c"\]; got the string "d"/ },
    { name: "ColorPicker", make: (value: unknown) => ColorPicker({ label: "in", value: value as string }), value: "#3b82f6", bad: "blue", refusal: /a ColorPicker\) expects a colour as "#rrggbb"; got the string "blue"/ },
    { name: "DateTime", make: (value: unknown) => DateTime({ label: "in", value: value as string }), value: "2024-05-13T09:00", bad: "2024-13-01T09:00", refusal: /a DateTime\) expects a date and time as "YYYY-MM-DDTHH:mm" or null/ },
    {
      name: "HighlightedText",
      make: (value: unknown) => HighlightedText({ label: "in", value: value as never }),
      value: [["Ada", "PER"], [" met ", null], ["London", "LOC"]],
      bad: [["Ada"]],
      refusal: /a HighlightedText\) expects a list of \[text, label or null\] spans; span 1 is an array of 1/,
    },
  ];
}

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

describe.each(richCases())("$name", ({ make, bad, refusal }) => {
  test("a value its checks refuse is refused by the client before sending and by the server at its edge", async () => {
    const input = make(null);
    const output = make(null);
    const echo = listener((v: unknown) => v, { inputs: [input], outputs: [output], apiName: "echo" });
    const { url } = await serve(
      <Blocks>
        {input}
        {output}
        <Button onClick={echo}>Echo</Button>
      </Blocks>,
    );
    const client = await connect(url);
    await expect(client.predict("echo", [bad])).rejects.toMatchObject({ code: "validation", message: expect.stringMatching(refusal) });
    const raw = io(url, { path: "/socket.io", transports: ["websocket"] });
    later(() => raw.disconnect());
    await new Promise((resolve) => raw.once("hello", resolve));
    const reply: JoinReply = await raw.timeout(5000).emitWithAck("join", { apiName: "echo", data: [bad] });
    expect(reply).toEqual({ ok: false, error: { code: "validation", message: expect.stringMatching(refusal) } });
  });
});
