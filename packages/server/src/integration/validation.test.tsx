import { Blocks, Button, Checkbox, Dropdown, Image, Json, listener, NumberBox, Radio, Slider, Textbox, update, type JoinReply } from "@blockwork/core";
import { io } from "socket.io-client";
import { describe, expect, test } from "vitest";
import { connect, later, Recorder, serve } from "./harness.ts";

/** One listener per component kind, each recording that it ran. */
function typedApp(record: Recorder) {
  const text = Textbox({ label: "Prompt" });
  const number = NumberBox({ label: "Seed", minimum: 0, maximum: 10 });
  const slider = Slider({ label: "Steps", minimum: 1, maximum: 50 });
  const check = Checkbox({ label: "Upscale" });
  const size = Dropdown({ label: "Size", choices: ["S", "M", "L"] });
  const tags = Dropdown({ label: "Tags", choices: ["a", "b"], multiselect: true });
  const mode = Radio({ label: "Mode", choices: ["fast", "good"] });
  const picture = Image({ label: "Picture", type: "url" });
  const data = Json({ label: "Data" });
  const out = Textbox({ label: "Out" });
  const all = listener(
    (...values: unknown[]) => {
      record.start("all");
      record.end("all");
      return JSON.stringify(values.slice(0, 9));
    },
    { inputs: [text, number, slider, check, size, tags, mode, picture, data], outputs: [out], apiName: "all" },
  );
  // A handler that changes the Dropdown's choices for this session only.
  const widen = listener(() => update({ choices: ["S", "M", "L", "XL"], value: "XL" }), { outputs: [size], apiName: "widen" });
  return (
    <Blocks>
      {text}
      {number}
      {slider}
      {check}
      {size}
      {tags}
      {mode}
      {picture}
      {data}
      {out}
      <Button onClick={all}>All</Button>
      <Button onClick={widen}>Widen</Button>
    </Blocks>
  );
}

const good = ["a cat", 3, 20, true, "M", ["a"], "fast", "https://example.com/cat.png", { deep: [1, 2] }];

describe("every input is checked against its component before anything is queued", () => {
  test("a raw client gets a validation error naming the input and what it expected; nothing runs", async () => {
    const record = new Recorder();
    const { url } = await serve(typedApp(record));
    const raw = io(url, { path: "/socket.io", transports: ["websocket"] });
    later(() => raw.disconnect());
    await new Promise((resolve) => raw.once("hello", resolve));
    const join = (data: unknown[]): Promise<JoinReply> => raw.timeout(5000).emitWithAck("join", { apiName: "all", data });
    const withInput = (i: number, value: unknown): unknown[] => good.map((v, j) => (j === i ? value : v));

    const cases: [unknown[], RegExp][] = [
      [withInput(0, 42), /^all: input 1 \("Prompt", a Textbox\) expects a string; got the number 42\.$/],
      [withInput(1, "3"), /input 2 \("Seed", a NumberBox\) expects a finite number; got the string "3"/],
      [withInput(1, 11), /input 2 \("Seed", a NumberBox\) expects a number of at most 10; got 11/],
      [withInput(1, null), /input 2 .* expects a finite number; got null/],
      [withInput(2, 0), /input 3 \("Steps", a Slider\) expects a number of at least 1; got 0/],
      [withInput(3, "yes"), /input 4 \("Upscale", a Checkbox\) expects true or false/],
      [withInput(4, "XXL"), /input 5 \("Size", a Dropdown\) expects one of \["S", "M", "L"\] or null; got the string "XXL"/],
      [withInput(5, ["a", "c"]), /input 6 \("Tags", a Dropdown\) expects only choices from \["a", "b"\]; got the string "c"/],
      [withInput(6, "slow"), /input 7 \("Mode", a Radio\) expects one of \["fast", "good"\]/],
      [withInput(7, "javascript:alert(1)"), /input 8 \("Picture", an Image\) expects an http\(s\) URL, a data:image URI or null/],
      [withInput(8, JSON.parse("[".repeat(100) + "]".repeat(100))), /input 9 \("Data", a Json\) expects JSON nested at most 64 levels deep/],
      [good.slice(0, 8), /all takes 9 inputs; got 8/],
    ];
    for (const [data, message] of cases) {
      expect(await join(data)).toEqual({ ok: false, error: { code: "validation", message: expect.stringMatching(message) } });
    }
    expect(record.started()).toEqual([]);
    expect(await join(good)).toMatchObject({ ok: true });
  });

  test("the client runs the same checks before sending, and the server accepts what passes", async () => {
    const record = new Recorder();
    const { url } = await serve(typedApp(record));
    const client = await connect(url);
    await expect(client.predict("all", good.map((v, i) => (i === 1 ? Number.POSITIVE_INFINITY : v)))).rejects.toMatchObject({
      code: "validation",
      message: expect.stringMatching(/input 2 \("Seed", a NumberBox\) expects a finite number; got Infinity/),
    });
    expect(await client.predict("all", good)).toEqual([JSON.stringify(good)]);
    expect(record.started()).toEqual(["all"]);
  });

  test("choices a handler gave this session's Dropdown are accepted from this session only", async () => {
    const record = new Recorder();
    const { url } = await serve(typedApp(record));
    const [widened, other] = await Promise.all([connect(url), connect(url)]);
    const xl = good.map((v, i) => (i === 4 ? "XL" : v));
    await expect(widened.predict("all", xl)).rejects.toMatchObject({ code: "validation" });
    expect(await widened.predict("widen", [])).toEqual([{ __update__: { choices: ["S", "M", "L", "XL"], value: "XL" } }]);
    expect(await widened.predict("all", xl)).toEqual([JSON.stringify(xl)]);
    await expect(other.predict("all", xl)).rejects.toMatchObject({ code: "validation", message: expect.stringMatching(/one of \["S", "M", "L"\]/) });
  });
});
