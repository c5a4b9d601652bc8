import { expect, test } from "vitest";
import { checkboxGroup } from "./choice.ts";
import { DEFAULT_VALUE_LIMITS } from "./value-checks.ts";

test("a CheckboxGroup takes some of its choices (the session's, where a handler changed them)", () => {
  const props = { choices: ["Falcon", "Llama", "Qwen"] };
  const check = (value: unknown, choices?: readonly string[]) =>
    checkboxGroup.checkInput(value, { props, limits: DEFAULT_VALUE_LIMITS, ...(choices === undefined ? {} : { choices }) });
  expect(check(["Qwen", "Falcon"])).toBeUndefined();
  expect(check([])).toBeUndefined();
  expect(check(["Gemma"])).toBe('expects only choices from ["Falcon", "Llama", "Qwen"]; got the string "Gemma"');
  expect(check(["Gemma"], ["Gemma"])).toBeUndefined();
  expect(check("Qwen")).toBe('expects a list of choices from ["Falcon", "Llama", "Qwen"]; got the string "Qwen"');
  expect(check(["Qwen", "Qwen", "Qwen", "Qwen"])).toBe("expects at most 3 choices; got 4");
  expect(checkboxGroup.checkOutput(["anything"], { props, limits: DEFAULT_VALUE_LIMITS })).toBeUndefined();
});
