import { expect, test } from "vitest";
import { colorPicker } from "./color-picker.ts";
import { DEFAULT_VALUE_LIMITS } from "./value-checks.ts";

test('a ColorPicker takes a colour as "#rrggbb" only: no names, no CSS that could carry anything else', () => {
  const check = (value: unknown) => colorPicker.checkInput(value, { props: {}, limits: DEFAULT_VALUE_LIMITS });
  expect(check("#3B82f6")).toBeUndefined();
  expect(check("red")).toBe('expects a colour as "#rrggbb"; got the string "red"');
  expect(check("#fff")).toMatch(/^expects a colour/);
  expect(check("#000000;background:url(x)")).toMatch(/^expects a colour/);
  expect(colorPicker.initial({})).toBe("#000000");
});
