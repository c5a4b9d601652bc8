import { describe, expect, test } from "vitest";
import type { ComponentConfig } from "../config/app-config.ts";
import { checkInputValue, checkOutputValue, DEFAULT_VALUE_LIMITS } from "./validate-input-value.ts";

const FILE = { path: "/tmp/c/a.png", url: "files/0123456789abcdef0123456789abcdef", name: "a.png", size: 3, mimeType: "image/png" };

const c = (type: string, props: Record<string, unknown> = {}): ComponentConfig => ({ id: 1, type: type as ComponentConfig["type"], props: props as ComponentConfig["props"] });

/** [component, accepted inputs, refused inputs with the phrase the refusal contains] */
const inputCases: [string, ComponentConfig, unknown[], [unknown, RegExp][]][] = [
  ["Textbox", c("textbox"), ["", "héllo 👋"], [[1, /expects a string; got the number 1/], [null, /got null/], [["a"], /an array of 1/]]],
  ["NumberBox", c("number", { minimum: -5, maximum: 5 }), [0, -5, 5, 1.5], [["3", /finite number; got the string "3"/], [Number.NaN, /got NaN/], [6, /at most 5; got 6/], [-6, /at least -5/]]],
  ["NumberBox without bounds", c("number"), [1e300, -1e300], [[Number.POSITIVE_INFINITY, /finite number/], [null, /got null/]]],
  ["Slider", c("slider", { minimum: 10 }), [10, 100], [[9, /at least 10/], [101, /at most 100/], [true, /got true/]]],
  ["Checkbox", c("checkbox"), [true, false], [["true", /true or false/], [0, /true or false/]]],
  ["Dropdown", c("dropdown", { choices: ["a", "b"] }), ["a", null], [["c", /one of \["a", "b"\] or null; got the string "c"/], [["a"], /an array/]]],
  ["Dropdown multiselect", c("dropdown", { choices: ["a", "b"], multiselect: true }), [[], ["a", "b"]], [["a", /a list of choices/], [["a", "z"], /only choices from \["a", "b"\]; got the string "z"/], [["a", "a", "a"], /at most 2 choices/]]],
  ["Radio", c("radio", { choices: ["S", "M"] }), ["S", null], [["L", /one of \["S", "M"\]/], [1, /got the number 1/]]],
  ["Image", c("image"), [null, FILE], [["https://example.com/cat.png", /expects a file value/], ["data:image/png;base64,iVBORw0KGgo=", /expects a file value/], [[FILE], /one file, not a list/]]],
  ["FileBox multiple", c("file", { fileCount: "multiple" }), [null, [], [FILE, FILE]], [[FILE, /a list of files/], [[FILE, { ...FILE, size: -1 }], /\(file 2\) expects a file value .* size must be a whole number/]]],
  ["UploadButton single", c("uploadbutton"), [null, FILE], [[[FILE], /one file, not a list/], ["/etc/passwd", /expects a file value/]]],
  ["DownloadButton", c("downloadbutton"), [null, FILE], [[{ ...FILE, path: 1 }, /its path must be a non-empty string/]]],
  [
    "Gallery",
    c("gallery"),
    [null, [], [{ image: FILE, caption: "a" }, { image: "https://example.com/b.png", caption: null }, { image: FILE }]],
    [
      [FILE, /a list of images/],
      [[FILE], /\(image 1\) expects an item \{ image, caption \}/],
      [[{ image: FILE, caption: "a" }, { image: "/etc/passwd", caption: null }], /\(image 2\) expects an image as a file value or an http\(s\) URL; got the string "\/etc\/passwd"/],
      [[{ image: "data:image/png;base64,iVBORw0KGgo=" }], /file value or an http\(s\) URL/],
      [[{ image: FILE, caption: 3 }], /\(image 1\) expects a caption as a string or null; got the number 3/],
      [[{ image: FILE, title: "x" }], /unknown field "title"/],
      [[{ image: { ...FILE, size: -1 }, caption: null }], /size must be a whole number/],
    ],
  ],
  [
    "Image of type url",
    c("image", { type: "url" }),
    [null, "https://example.com/cat.png", "http://127.0.0.1:7860/x.png"],
    [
      ["javascript:alert(1)", /http\(s\) URL, a data:image URI or null/],
      ["data:image/png;base64,iVBORw0KGgo=", /a data URI is not taken/],
      ["file:///etc/passwd", /http\(s\) URL/],
      ["file/x.png", /http\(s\) URL/],
      ["", /http\(s\) URL/],
      [`https://example.com/${"a".repeat(DEFAULT_VALUE_LIMITS.maxImageChars)}`, /at most 10000000 characters/],
      [FILE, /got an object/],
    ],
  ],
  ["Label", c("label"), [null, "cat", { cat: 0.9, dog: 0.1 }], [[{ cat: "high" }, /non-number confidence/], [[1], /got an array/]]],
  ["Json", c("json"), [null, 1, "x", [1, { a: [true] }], { nested: { deep: null } }], [[Number.NaN, /expects JSON; got NaN/], [new Uint8Array(3), /binary data/], [new Date(0), /instance of Date/]]],
  ["Chatbot", c("chatbot"), [[], [{ role: "user", content: "hi" }, { role: "assistant", content: "**hello**" }]], [[[["hi", "hello"]], /message 1 is an array of 2/], [[{ role: "system", content: "x" }], /role: "user" \| "assistant"/], ["hi", /a list of messages/]]],
  ["unknown type (a future component)", c("future-widget"), [[["hi", "hello"]]], [[() => 1, /a function/]]],
];

describe.each(inputCases)("input to a %s", (_name, component, accepted, refused) => {
  test("accepts values of its type", () => {
    for (const value of accepted) expect(checkInputValue(component, value), JSON.stringify(value)).toBeUndefined();
  });
  test("refuses others with what it expected and what it got", () => {
    for (const [value, phrase] of refused) expect(checkInputValue(component, value)).toMatch(phrase);
  });
});

describe("limits", () => {
  test("Json nested deeper than maxDepth or with more than maxNodes items is refused without deep recursion", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkInputValue(c("json"), deep)).toMatch(/nested at most 64 levels/);
    expect(checkInputValue(c("json"), new Array(100_001).fill(0))).toMatch(/at most 100000 items/);
    expect(checkInputValue(c("json"), [[[1]]], { ...DEFAULT_VALUE_LIMITS, maxDepth: 2 })).toMatch(/nested at most 2 levels/);
  });

  test("a Dropdown's choices can be overridden (a handler updated them for this session)", () => {
    const dropdown = c("dropdown", { choices: ["a"] });
    expect(checkInputValue(dropdown, "new")).toMatch(/one of \["a"\]/);
    expect(checkInputValue(dropdown, "new", DEFAULT_VALUE_LIMITS, ["new"])).toBeUndefined();
  });
});

describe("outputs", () => {
  test("are checked for their type only: null clears, choices and ranges are the handler's business", () => {
    expect(checkOutputValue(c("textbox"), null)).toBeUndefined();
    expect(checkOutputValue(c("textbox"), { text: 1 })).toMatch(/expects a string; got an object/);
    expect(checkOutputValue(c("number", { maximum: 1 }), 99)).toBeUndefined();
    expect(checkOutputValue(c("number"), Number.NaN)).toMatch(/finite number/);
    expect(checkOutputValue(c("dropdown", { choices: ["a"] }), "z")).toBeUndefined();
    for (const image of ["out/cat.png", "data:image/png;base64,iVBORw0KGgo=", "https://example.com/cat.png", new Uint8Array(2), FILE]) {
      expect(checkOutputValue(c("image"), image)).toBeUndefined();
    }
    expect(checkOutputValue(c("image"), "javascript:alert(1)")).toMatch(/a path, an http\(s\) URL, a data:image URI, bytes or a file value/);
    expect(checkOutputValue(c("image"), "data:text/html,<script>")).toMatch(/a data:image URI/);
    expect(checkOutputValue(c("json"), 10n)).toMatch(/a bigint/);
    expect(checkOutputValue(c("downloadbutton"), "/tmp/report.csv")).toBeUndefined();
    expect(checkOutputValue(c("uploadbutton", { fileCount: "multiple" }), "a.txt")).toMatch(/a list of files/);
  });

  test("a Gallery's items may be bare images, [image, caption] or { image, caption }, each image what an Image takes", () => {
    const gallery = c("gallery");
    const items = ["out/cat.png", [new Uint8Array(2), "bytes"], ["https://example.com/cat.png"], { image: FILE, caption: null }, { image: "data:image/png;base64,iVBORw0KGgo=" }, FILE];
    expect(checkOutputValue(gallery, items)).toBeUndefined();
    expect(checkOutputValue(gallery, "out/cat.png")).toMatch(/expects a list of images; got the string/);
    expect(checkOutputValue(gallery, ["a.png", ["javascript:alert(1)", "x"]])).toMatch(/^\(image 2\) expects a path, an http\(s\) URL, a data:image URI/);
    expect(checkOutputValue(gallery, [["a.png", "x", "y"]])).toMatch(/\(image 1\) expects \[image, caption\]; got an array of 3/);
    expect(checkOutputValue(gallery, [["a.png", 1]])).toMatch(/caption as a string or null; got the number 1/);
    expect(checkOutputValue(gallery, [{ image: null, caption: "x" }])).toMatch(/expects an image, \[image, caption\] or \{ image, caption \}; got null/);
    expect(checkOutputValue(gallery, [{ image: "a.png", alt: "x" }])).toMatch(/unknown field "alt"/);
    expect(checkOutputValue(gallery, [null])).toMatch(/\(image 1\) expects an image/);
    expect(checkOutputValue(c("json"), { f: () => 1 })).toMatch(/a function/);
  });

  test("an update's value is checked, and its choices must be strings", () => {
    expect(checkOutputValue(c("textbox"), { __update__: { visible: false } })).toBeUndefined();
    expect(checkOutputValue(c("textbox"), { __update__: { value: 3 } })).toMatch(/expects a string; got the number 3/);
    expect(checkOutputValue(c("dropdown"), { __update__: { choices: [1, 2] } })).toMatch(/choices as a list of strings/);
  });
});
