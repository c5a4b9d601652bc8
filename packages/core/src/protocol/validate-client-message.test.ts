import { describe, expect, test } from "vitest";
import { checkJoinRequest } from "./validate-client-message.ts";

const FILE = { path: "/tmp/c/a.png", url: "files/0123456789abcdef0123456789abcdef", name: "a.png", size: 3, mimeType: "image/png" };

const join = (eventData: unknown) => checkJoinRequest({ apiName: "pick", data: [], eventData });

describe("a join's select data is checked by its kind", () => {
  test("an item (kind optional), a cell with its row, and a point with its fields pass as they are", () => {
    expect(join({ index: 2, value: "b", selected: false })).toEqual({ ok: true, value: { apiName: "pick", data: [], eventData: { index: 2, value: "b", selected: false } } });
    const cell = { kind: "cell", index: [9_999, 3], value: 81.5, row: ["llama-7b", "Llama", 7, 81.5, null, true], column: "score", selected: true };
    expect(join(cell)).toEqual({ ok: true, value: { apiName: "pick", data: [], eventData: cell } });
    const point = { kind: "point", index: 4, value: { family: "Qwen", "mean score": 71.2, models: 2_012 }, selected: true };
    expect(join(point)).toEqual({ ok: true, value: { apiName: "pick", data: [], eventData: point } });
    const image = { kind: "image", index: 3, value: { image: FILE, caption: "a cat" }, selected: true };
    expect(join(image)).toEqual({ ok: true, value: { apiName: "pick", data: [], eventData: image } });
    const byUrl = { kind: "image", index: 0, value: { image: "https://example.com/cat.png", caption: null }, selected: true };
    expect(join(byUrl)).toEqual({ ok: true, value: { apiName: "pick", data: [], eventData: byUrl } });
  });

  test("a field named __proto__ in a point stays a plain field", () => {
    const checked = join(JSON.parse('{"kind":"point","index":0,"value":{"__proto__":"x"},"selected":true}'));
    expect(checked.ok && checked.value.eventData?.kind === "point" && Object.getPrototypeOf(checked.value.eventData.value)).toBe(Object.prototype);
  });

  test.each([
    [{ kind: "cell", index: 3, value: 1, row: [1], column: "a", selected: true }, /index must be a \[row, column\] pair/],
    [{ kind: "cell", index: [0, 0], value: 1, row: [{ nested: true }], column: "a", selected: true }, /row must be a string, number, boolean or null/],
    [{ kind: "cell", index: [0, 0], value: 1, row: new Array(1_001).fill(0), column: "a", selected: true }, /row must be an array of at most 1000 cells/],
    [{ kind: "cell", index: [0, 0], value: 1, row: [], selected: true }, /column must be a string/],
    [{ kind: "point", index: 0, value: "x", selected: true }, /value must be an object/],
    [{ kind: "point", index: 0, value: { y: Number.NaN }, selected: true }, /value\.y must be a finite number/],
    [{ kind: "point", index: 0, value: {}, row: [], selected: true }, /unknown field\(s\): row/],
    [{ kind: "item", index: [0, 1], value: "a", selected: true }, /index must be a non-negative integer/],
    [{ kind: "lasso", index: 0, value: null, selected: true }, /kind must be "item", "cell", "point" or "image"/],
    [{ kind: "image", index: -1, value: { image: FILE, caption: null }, selected: true }, /index must be a non-negative integer/],
    [{ kind: "image", index: 1.5, value: { image: FILE, caption: null }, selected: true }, /index must be a non-negative integer/],
    [{ kind: "image", index: 0, value: FILE, selected: true }, /value has unknown field\(s\): path, url/],
    [{ kind: "image", index: 0, value: { image: "javascript:alert(1)", caption: null }, selected: true }, /image must be a file value or an http\(s\) URL/],
    [{ kind: "image", index: 0, value: { image: { ...FILE, extra: 1 }, caption: null }, selected: true }, /image expects a file value .* unknown field "extra"/],
    [{ kind: "image", index: 0, value: { image: FILE, caption: 7 }, selected: true }, /caption must be a string of at most 10000 characters, or null/],
    [{ index: 0, value: "x".repeat(10_001), selected: true }, /longer than 10000 characters/],
    [{ kind: "cell", index: [0, 0], value: 1, row: [], column: "a" }, /selected must be a boolean/],
  ])("refused: %j", (eventData, message) => {
    expect(join(eventData)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});
