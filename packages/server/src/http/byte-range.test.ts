import { expect, test } from "vitest";
import { parseByteRange } from "./byte-range.ts";

test.each([
  [undefined, 10, null],
  ["bytes=0-0", 10, { start: 0, end: 0 }],
  ["bytes=2-5", 10, { start: 2, end: 5 }],
  ["bytes=8-", 10, { start: 8, end: 9 }],
  ["bytes=5-100", 10, { start: 5, end: 9 }],
  ["bytes=-3", 10, { start: 7, end: 9 }],
  ["bytes=-30", 10, { start: 0, end: 9 }],
  ["bytes=10-", 10, "unsatisfiable"],
  ["bytes=-0", 10, "unsatisfiable"],
  ["bytes=0-", 0, "unsatisfiable"],
  ["bytes=5-2", 10, null],
  ["bytes=0-1,4-5", 10, null],
  ["items=0-1", 10, null],
  ["bytes=-", 10, null],
  ["bytes=a-b", 10, null],
] as const)("Range %j of a %i-byte file: %j", (header, size, expected) => {
  expect(parseByteRange(header, size)).toEqual(expected);
});
