import { describe, expectTypeOf, test } from "vitest";
import {
  Blocks,
  Button,
  Chatbot,
  DownloadButton,
  Dropdown,
  FileBox,
  Gallery,
  Image,
  NumberBox,
  State,
  Textbox,
  Timer,
  update,
  UploadButton,
  type ChatMessage,
  type FileOutputValue,
  type FileValue,
  type GalleryItem,
  type GalleryOutputItem,
} from "../index.ts";
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

  test("a FileBox gives its handler file values and takes any file source back", () => {
    const one = FileBox({ label: "Doc" });
    const many = FileBox({ fileCount: "multiple" });
    expectTypeOf(one).toEqualTypeOf<Component<FileValue | null, FileOutputValue | null>>();
    expectTypeOf(many).toEqualTypeOf<Component<FileValue[] | null, FileOutputValue[] | null>>();
    listener((files: FileValue[] | null) => (files ?? []).map((f) => f.path), { inputs: [many], outputs: [many] });
    listener((file: FileValue | null) => (file ? new Uint8Array(1) : "data:text/plain,empty"), { inputs: [one], outputs: [one] });
    // @ts-expect-error a multiple FileBox gives an array
    listener((file: FileValue | null) => file, { inputs: [many] });
    // @ts-expect-error a number is not a file
    listener(() => 3, { outputs: [one] });
  });

  test("UploadButton, DownloadButton and Gallery carry their value types; a Gallery select narrows to its image", () => {
    const uploads = UploadButton({ fileCount: "multiple" });
    const download = DownloadButton();
    const gallery = Gallery({ columns: 2 });
    expectTypeOf(UploadButton()).toEqualTypeOf<Component<FileValue | null, FileOutputValue | null>>();
    expectTypeOf(uploads).toEqualTypeOf<Component<FileValue[] | null, FileOutputValue[] | null>>();
    expectTypeOf(download).toEqualTypeOf<Component<FileValue | null, FileOutputValue | null>>();
    expectTypeOf(gallery).toEqualTypeOf<Component<GalleryItem[] | null, readonly GalleryOutputItem[] | null>>();
    listener((files: FileValue[] | null, items: GalleryItem[] | null) => [...(items ?? []), ...(files ?? []).map((f) => [f, f.name] as const)], { inputs: [uploads, gallery], outputs: [gallery] });
    listener(() => ["a.png", new Uint8Array(1), { image: "b.png", caption: null }], { outputs: [gallery] });
    listener((items: GalleryItem[] | null) => `${items?.length ?? 0}`, { inputs: [gallery], outputs: [download] });
    listener(
      (ctx) => {
        const event = ctx.eventData;
        if (event?.kind === "image") expectTypeOf(event.value).toEqualTypeOf<GalleryItem>();
        return "";
      },
      { outputs: [prompt] },
    );
    UploadButton({ onUpload: (files: FileValue[] | null) => String(files?.length), inputs: [uploads], outputs: [prompt], fileCount: "multiple" });
    // @ts-expect-error a Gallery output takes a list of images, not one
    listener(() => "a.png", { outputs: [gallery] });
    // @ts-expect-error a caption is a string
    listener(() => [["a.png", 1]], { outputs: [gallery] });
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

describe("typed wiring of the event lifecycle", () => {
  const prompt = Textbox({ label: "Prompt" });
  const count = NumberBox({ label: "Count" });
  const chat = Chatbot({ label: "Chat" });

  test("a streaming handler is an async generator of its output type", () => {
    listener(async function* (text: string) {
      yield text;
    }, { inputs: [prompt], outputs: [prompt] });
    listener(async function* () {
      yield [{ role: "assistant", content: "hi" }] as ChatMessage[];
    }, { outputs: [chat] });
    // @ts-expect-error a NumberBox output streams numbers, not strings
    listener(async function* (text: string) {
      yield text;
    }, { inputs: [prompt], outputs: [count] });
  });

  test("a batch handler gets one array per input and returns one array per output", () => {
    listener((texts: string[], ns: number[], ctx) => {
      expectTypeOf(ctx.jobs[0]!.session.id).toEqualTypeOf<string>();
      return [texts.map((t, i) => t.repeat(ns[i]!))] as [string[]];
    }, { inputs: [prompt, count], outputs: [prompt], batch: true });
    listener(async (texts) => {
      expectTypeOf(texts).toEqualTypeOf<string[]>();
      return [texts, texts.map((t) => t.length)] as [string[], number[]];
    }, { inputs: [prompt], outputs: [prompt, count], batch: true });
    // @ts-expect-error a batch handler takes arrays, not single values
    listener((text: string) => [[text]] as [string[]], { inputs: [prompt], outputs: [prompt], batch: true });
    // @ts-expect-error a batch handler with one output returns [values], not values
    listener((texts: string[]) => texts, { inputs: [prompt], outputs: [prompt], batch: true });
  });

  test("the context reports progress, alerts, and carries the signal, request and event data", () => {
    listener(async (text: string, ctx) => {
      ctx.progress(0.5, "half");
      ctx.progress([1, 2]);
      for await (const ch of ctx.track(text, "letters")) expectTypeOf(ch).toEqualTypeOf<string>();
      ctx.info("note");
      ctx.warning("careful");
      ctx.success("done");
      expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
      expectTypeOf(ctx.request.headers).toEqualTypeOf<Readonly<Record<string, string>>>();
      expectTypeOf(ctx.eventData?.selected).toEqualTypeOf<boolean | undefined>();
      return text;
    }, { inputs: [prompt], outputs: [prompt] });
  });

  test("a handler can return update() for an output, and follow-ups and cancels take listeners", () => {
    const show = listener(() => update({ visible: true, label: "Shown" }), { outputs: [prompt] });
    const timer = Timer({ intervalMs: 500 });
    listener(() => update({ active: false }), { outputs: [timer], then: show, success: [show], cancels: show, triggerMode: "always_last" });
    // @ts-expect-error triggerMode is one of three
    listener(() => {}, { triggerMode: "sometimes" });
  });
});
