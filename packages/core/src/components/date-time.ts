import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, nullable, type ConfigProps } from "./definition.ts";
import { expected } from "./value-checks.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Whether the numbers of a date (and time) name a real instant: no 31 February, no 25:00. */
function isReal(parts: readonly string[]): boolean {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, sec = 0] = parts.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && sec < 60;
}

/** `"YYYY-MM-DD"`, or with `includeTime` `"YYYY-MM-DDTHH:mm"` (seconds optional): a local date and time, no zone. */
function checkDateTime(value: unknown, props: ConfigProps): string | undefined {
  const withTime = props.includeTime !== false;
  const what = withTime ? 'a date and time as "YYYY-MM-DDTHH:mm" or null' : 'a date as "YYYY-MM-DD" or null';
  if (value === null) return undefined;
  if (typeof value !== "string") return expected(what, value);
  const match = (withTime ? DATE_TIME : DATE).exec(value);
  return match !== null && isReal(match.slice(1).filter((p) => p !== undefined)) ? undefined : expected(what, value);
}

export const dateTime = defineComponent({
  type: "datetime",
  name: "DateTime",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: (value, { props }) => checkDateTime(value, props),
  checkOutput: (value, { props }) => checkDateTime(value, props),
  schema: (props) => nullable(props.includeTime === false ? { type: "string", format: "date" } : { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$" }),
});

export interface DateTimeProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onChange", I, O> {
  /** `"YYYY-MM-DD"`, or `"YYYY-MM-DDTHH:mm"` with `includeTime`; `null`: none. */
  value?: string | null;
  /** Pick a time of day as well as a date. @default true */
  includeTime?: boolean;
}

/** A date, or a date and time, picked with the browser's own picker: a local value, with no time zone. */
export function DateTime<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: DateTimeProps<I, O> = {},
): Component<string | null> {
  return createComponent(dateTime, props);
}
