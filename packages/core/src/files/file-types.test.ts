import { describe, expect, test } from "vitest";
import { checkFileTypes, matchesFileTypes } from "./file-types.ts";
import { checkFileValue } from "./file-value.ts";

const png = { name: "Cat.PNG", mimeType: "image/png" };
const pdf = { name: "report.pdf", mimeType: "application/pdf" };

describe("matchesFileTypes", () => {
  test.each([
    [[".png"], png, true],
    [[".jpg", ".png"], png, true],
    [[".pdf"], png, false],
    [["image/*"], png, true],
    [["image/*"], pdf, false],
    [["image/png"], png, true],
    [["image/jpeg"], png, false],
    [["image"], png, true],
    [["video"], png, false],
    [["application/pdf"], pdf, true],
    [[], pdf, true],
    [["."], png, false],
    [["*/*"], png, false],
  ] as const)("%j against %j: %s", (types, file, expected) => {
    expect(matchesFileTypes(file, types)).toBe(expected);
  });

  test("a refusal names the accepted types and what came", () => {
    expect(checkFileTypes(pdf, [".png", "image/*"])).toBe('expects a file of type .png or image/*; got "report.pdf" (application/pdf)');
    expect(checkFileTypes(png, [".png", "image/*"])).toBeUndefined();
  });
});

describe("checkFileValue", () => {
  const good = { path: "/cache/ab/cat.png", url: "files/ab", name: "cat.png", size: 3, mimeType: "image/png" };
  test("a value with the five fields passes", () => expect(checkFileValue(good)).toBeUndefined());
  test.each([
    ["a string", "/etc/passwd", "got a string"],
    ["null", null, "got null"],
    ["an array", [good], "got an array"],
    ["a missing path", { ...good, path: undefined }, "its path must be a non-empty string"],
    ["a negative size", { ...good, size: -1 }, "its size must be a whole number"],
    ["a fractional size", { ...good, size: 1.5 }, "its size must be a whole number"],
    ["an extra field", { ...good, meta: {} }, 'unknown field "meta"'],
  ])("refuses %s", (_name, value, phrase) => {
    expect(checkFileValue(value)).toContain(phrase);
  });
});
