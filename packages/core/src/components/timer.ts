import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import { defineComponent } from "./definition.ts";
import { checkNumber, expected, numberProp } from "./value-checks.ts";

/** Its value is its interval in ms; it is drawn nowhere. */
export const timer = defineComponent({
  type: "timer",
  name: "Timer",
  kind: "hidden",
  children: "none",
  initial: (props) => numberProp(props.intervalMs) ?? 1000,
  checkInput: (value) => checkNumber(value, 10, undefined),
  checkOutput: (value) => (typeof value === "number" && Number.isFinite(value) ? undefined : expected("a finite number", value)),
  schema: () => ({ type: "number", minimum: 10 }),
});

export interface TimerProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> extends Wiring<"onTick", I, O> {
  /**
   * Time between two ticks, in ms. The Timer's value: a handler changes it with `update({ value: ms })`.
   * @default 1000
   */
  intervalMs?: number;
  /** Whether it ticks; a handler starts or stops it with `update({ active })`. @default true */
  active?: boolean;
}

/**
 * Fires `onTick` every `intervalMs` in each open tab, with the tab's current values. The server paces the ticks
 * per session and skips one while the previous tick's job is still pending, so a slow listener never piles up.
 * Not drawn on the page.
 */
export function Timer<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: TimerProps<I, O> = {},
): Component<number> {
  const { intervalMs = 1000, active = true, ...rest } = props;
  if (!Number.isFinite(intervalMs) || intervalMs < 10) throw new TypeError(`Timer: intervalMs must be at least 10, got ${String(intervalMs)}`);
  return createComponent(timer, { ...rest, intervalMs, active });
}
