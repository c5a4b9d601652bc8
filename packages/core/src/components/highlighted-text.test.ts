import { expect, test } from "vitest";
import { highlightedText } from "./highlighted-text.ts";
import { DEFAULT_VALUE_LIMITS } from "./value-checks.ts";

test("a HighlightedText takes [text, label or null] spans, or null", () => {
  const check = (value: unknown) => highlightedText.checkOutput(value, { props: {}, limits: DEFAULT_VALUE_LIMITS });
  expect(check([["Ada", "PER"], [" met ", null]])).toBeUndefined();
  expect(check(null)).toBeUndefined();
  expect(check([["Ada", "PER", "extra"]])).toBe("expects a list of [text, label or null] spans; span 1 is an array of 3");
  expect(check([["Ada", 1]])).toMatch(/span 1 is an array of 2$/);
  expect(check("Ada")).toBe('expects a list of [text, label or null] spans; got the string "Ada"');
});
