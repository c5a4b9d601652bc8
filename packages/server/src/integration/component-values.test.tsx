import { handleFile, JobError } from "@blockwork/client";
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
  DownloadButton,
  Dropdown,
  Gallery,
  Image,
  Json,
  Label,
  listener,
  Markdown,
  NumberBox,
  Radio,
  Slider,
  Textbox,
  UploadButton,
  on,
  type AnyComponent,
  type FileValue,
  type GalleryItem,
  type HandlerContext,
  type JoinReply,
} from "@blockwork/core";
import { readFile } from "node:fs/promises";
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

/** A join sent on a bare socket, as a client that skips the client library's own checks would send it. */
async function rawJoin(url: string, apiName: string, data: unknown[], eventData?: unknown): Promise<JoinReply> {
  const raw = io(url, { path: "/socket.io", transports: ["websocket"] });
  later(() => raw.disconnect());
  await new Promise((resolve) => raw.once("hello", resolve));
  return raw.timeout(5000).emitWithAck("join", { apiName, data, ...(eventData === undefined ? {} : { eventData }) });
}

const FORGED = { path: "/etc/passwd", url: "files/0123456789abcdef0123456789abcdef", name: "passwd.png", size: 10, mimeType: "image/png" };
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/**
 * The file components' values, one test each: their props through the config, a real upload through the client,
 * the edge's refusals (client before sending, server on a bare socket), and what the handler gets back.
 */
describe("file components", () => {
  test("UploadButton: its upload event and file values go through the config, the client's upload and the edge", async () => {
    const button = UploadButton({ label: "Add notes", fileCount: "multiple", fileTypes: [".txt"] });
    const report = Textbox({ label: "Report" });
    on(button, "upload", listener(async (files: FileValue[] | null) => (await Promise.all((files ?? []).map(async (f) => `${f.name}=${await readFile(f.path, "utf8")}`))).join(","), { inputs: [button], outputs: [report], apiName: "read" }));
    const app = (
      <Blocks>
        {button}
        {report}
      </Blocks>
    );
    const { config } = JSON.parse(JSON.stringify(compile(app))) as ReturnType<typeof compile>;
    expect(config.components.find((c) => c.type === "uploadbutton")!.props).toMatchObject({ label: "Add notes", fileCount: "multiple", fileTypes: [".txt"], interactive: true });
    expect(config.dependencies[0]!.triggers).toEqual([{ componentId: expect.any(Number), event: "upload" }]);

    const { url } = await serve(app);
    const client = await connect(url);
    expect(await client.predict("read", [[handleFile(new File(["one"], "a.txt")), handleFile(new File(["two"], "b.txt"))]])).toEqual(["a.txt=one,b.txt=two"]);
    await expect(client.predict("read", ["a.txt"])).rejects.toMatchObject({ code: "validation", message: expect.stringMatching(/^read: input 1 \("Add notes", an UploadButton\) expects a list of files/) });
    const png = (await client.predict("read", [[handleFile(new File(["x"], "a.png"))]]).catch((e: unknown) => e)) as JobError;
    expect([png.code, png.message]).toEqual(["validation", expect.stringContaining("(file 1) expects a file of type .txt")]);
    expect(await rawJoin(url, "read", [[FORGED]])).toEqual({ ok: false, error: { code: "validation", message: expect.stringMatching(/\(file 1\) expects a file this server issued/) } });
  });

  test("DownloadButton: a handler's bytes become a file value the client downloads, and it goes back in as an input", async () => {
    const name = Textbox({ label: "Name" });
    const button = DownloadButton({ label: "Get report" });
    const size = Textbox({ label: "Size" });
    const make = listener((text: string) => (text === "bad" ? (7 as never) : new TextEncoder().encode(`%PDF-1.4 ${text}`)), { inputs: [name], outputs: [button], apiName: "make" });
    const measure = listener((file: FileValue | null) => `${file?.name}: ${file?.size}`, { inputs: [button], outputs: [size], apiName: "measure" });
    const app = (
      <Blocks>
        {name}
        {button}
        {size}
        <Button onClick={make}>Make</Button>
        <Button onClick={measure}>Measure</Button>
      </Blocks>
    );
    const { config } = JSON.parse(JSON.stringify(compile(app))) as ReturnType<typeof compile>;
    expect(config.components.find((c) => c.type === "downloadbutton")!.props).toEqual({ label: "Get report", interactive: true });

    const { url } = await serve(app, { showError: true });
    const client = await connect(url);
    const [file] = (await client.predict("make", ["q3"])) as [FileValue];
    expect(file).toMatchObject({ name: "file.pdf", mimeType: "application/pdf", url: expect.stringMatching(/^files\/[0-9a-f]{32}$/) });
    expect(await (await fetch(new URL(file.url, url))).text()).toBe("%PDF-1.4 q3");
    expect(await client.predict("measure", [file])).toEqual([`file.pdf: ${file.size}`]);
    await expect(client.predict("measure", [[file]])).rejects.toMatchObject({ code: "validation", message: expect.stringMatching(/\("Get report", a DownloadButton\) expects one file, not a list/) });
    await expect(client.predict("make", ["bad"])).rejects.toMatchObject({ code: "handler", message: expect.stringMatching(/output "Get report", a DownloadButton expects a path, an http\(s\) URL, a data: URI, a Uint8Array or a file value; got the number 7/) });
    expect(await rawJoin(url, "measure", [FORGED])).toEqual({ ok: false, error: { code: "validation", message: expect.stringMatching(/a DownloadButton\) expects a file this server issued/) } });
  });

  test("Gallery: captioned images in three shapes come out as { image, caption }, go back in, and a select carries its index and item", async () => {
    const gallery = Gallery({ label: "Shots", columns: 2, allowPreview: false });
    const said = Textbox({ label: "Said" });
    const make = listener(() => [[PNG, "one"] as const, { image: "data:image/png;base64,iVBORw0KGgo=", caption: "two" }, "https://example.com/c.png"], { outputs: [gallery], apiName: "make" });
    const list = listener(async (items: GalleryItem[] | null) => (await Promise.all((items ?? []).map(async (item) => (typeof item.image === "string" ? item.image : `${item.caption}:${(await readFile(item.image.path)).length}`)))).join(","), {
      inputs: [gallery],
      outputs: [said],
      apiName: "list",
    });
    const pick = listener(
      async (ctx: HandlerContext) => {
        const event = ctx.eventData;
        if (event?.kind !== "image" || typeof event.value.image === "string") return "not an uploaded image";
        return `#${event.index} ${event.value.caption}: ${(await readFile(event.value.image.path)).length} bytes`;
      },
      { outputs: [said], apiName: "pick" },
    );
    on(gallery, "select", pick);
    const outside = listener(() => ["data:image/png;base64,iVBORw0KGgo=", ["/etc/passwd", "x"] as const], { outputs: [gallery], apiName: "outside" });
    const app = (
      <Blocks>
        {gallery}
        {said}
        <Button onClick={make}>Make</Button>
        <Button onClick={list}>List</Button>
        <Button onClick={outside}>Outside</Button>
      </Blocks>
    );
    const { config } = JSON.parse(JSON.stringify(compile(app))) as ReturnType<typeof compile>;
    expect(config.components.find((c) => c.type === "gallery")!.props).toEqual({ label: "Shots", columns: 2, allowPreview: false, interactive: true });

    const { url } = await serve(app, { showError: true });
    const client = await connect(url);
    const [items] = (await client.predict("make", [])) as [GalleryItem[]];
    const issued = { path: expect.any(String), url: expect.stringMatching(/^files\/[0-9a-f]{32}$/), name: "file.png", size: expect.any(Number), mimeType: "image/png" };
    expect(items).toEqual([{ image: issued, caption: "one" }, { image: issued, caption: "two" }, { image: "https://example.com/c.png", caption: null }]);
    expect(await client.predict("list", [items])).toEqual([`one:${PNG.length},two:8,https://example.com/c.png`]);
    // Uploaded through the client inside an item, like any file input.
    expect(await client.predict("list", [[{ image: handleFile(new File([PNG], "mine.png", { type: "image/png" })), caption: "mine" }]])).toEqual([`mine:${PNG.length}`]);
    const chosen = { kind: "image", index: 1, value: items[1]!, selected: true } as const;
    expect(await client.submit("pick", [], { eventData: chosen }).result()).toEqual(["#1 two: 8 bytes"]);
    await expect(client.predict("outside", [])).rejects.toMatchObject({ code: "handler", message: expect.stringContaining('output "Shots", a Gallery (image 2): the path "/etc/passwd" is outside the folders') });

    await expect(client.predict("list", [[{ image: "/etc/passwd", caption: null }]])).rejects.toMatchObject({ code: "validation", message: expect.stringMatching(/^list: input 1 \("Shots", a Gallery\) \(image 1\) expects an image as a file value or an http\(s\) URL/) });
    expect(await rawJoin(url, "list", [[{ image: FORGED, caption: "x" }]])).toEqual({ ok: false, error: { code: "validation", message: expect.stringMatching(/a Gallery\) \(image 1\) expects a file this server issued/) } });
    expect(await rawJoin(url, "pick", [], { ...chosen, index: -1 })).toEqual({ ok: false, error: { code: "validation", message: "join.eventData.index must be a non-negative integer" } });
    expect(await rawJoin(url, "pick", [], { ...chosen, value: { image: FORGED, caption: "x" } })).toEqual({ ok: false, error: { code: "validation", message: expect.stringMatching(/^pick: the selected image expects a file this server issued/) } });
  });
});
