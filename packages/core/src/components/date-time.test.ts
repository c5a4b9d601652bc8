import { expect, test } from "vitest";
import { dateTime } from "./date-time.ts";
import { DEFAULT_VALUE_LIMITS } from "./value-checks.ts";

test("a DateTime takes a real local date and time (or, without includeTime, a date), or null", () => {
  const check = (value: unknown, includeTime?: boolean) =>
    dateTime.checkInput(value, { props: includeTime === undefined ? {} : { includeTime }, limits: DEFAULT_VALUE_LIMITS });
  expect(check("2024-02-29T23:59")).toBeUndefined();
  expect(check("2024-02-29T23:59:30")).toBeUndefined();
  expect(check(null)).toBeUndefined();
  expect(check("2023-02-29T10:00")).toBe('expects a date and time as "YYYY-MM-DDTHH:mm" or null; got the string "2023-02-29T10:00"');
  expect(check("2024-01-01T24:00")).toMatch(/^expects a date and time/);
  expect(check("2024-01-01")).toMatch(/^expects a date and time/);
  expect(check("2024-01-01Z", false)).toBe('expects a date as "YYYY-MM-DD" or null; got the string "2024-01-01Z"');
  expect(check("2024-12-31", false)).toBeUndefined();
  expect(check(1_700_000_000_000)).toMatch(/got the number 1700000000000$/);
});
