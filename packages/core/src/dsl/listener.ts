import type { Handler } from "./handler-types.ts";
import type { AnyComponent } from "./node.ts";

const LISTENER = Symbol.for("blockwork.listener");

/** The events a component can fire. */
export type EventName = "click" | "submit" | "change" | "input" | "release" | "select" | "tick" | "load" | "unload";

/** Queue settings of one listener. */
export interface QueueOptions {
  /**
   * How many jobs of this listener's queue run at once; `null` for no limit.
   * @default the app's `defaultConcurrencyLimit` (1 unless set)
   */
  concurrencyLimit?: number | null;
  /** Listeners with the same id share one queue and one limit (e.g. `"gpu_queue"` for two GPUs). */
  concurrencyId?: string;
  /**
   * The name API clients call it by.
   * @default the handler's name, with a suffix (`_1`) when already taken
   */
  apiName?: string;
  /**
   * `false` runs the handler at once, outside any queue and limit: for cheap, instant work.
   * @default true
   */
  queue?: boolean;
}

/** How a listener is wired: its inputs and outputs, and its queue settings. */
export interface ListenerOptions<I extends readonly AnyComponent[] = readonly AnyComponent[], O extends readonly AnyComponent[] = readonly AnyComponent[]>
  extends QueueOptions {
  /** Components whose values are passed to the handler, in order. */
  inputs?: I;
  /** Components that receive the handler's result, in order. */
  outputs?: O;
}

/** A handler with its wiring, usable as a value: on several triggers, and (later) in `cancels` or `then`. */
export interface Listener<I extends readonly AnyComponent[] = readonly AnyComponent[], O extends readonly AnyComponent[] = readonly AnyComponent[]> {
  readonly [LISTENER]: true;
  readonly fn: Handler<I, O>;
  readonly options: ListenerOptions<I, O>;
}

export type AnyListener = Listener<any, any>;

/** A listener as it sits on an element: which event fires it. */
export interface ListenerBinding {
  readonly event: EventName;
  readonly listener: AnyListener;
  /** Whether the options came from the element's own props rather than a `listener()` value. */
  readonly fromElement: boolean;
}

/**
 * Wires a handler to its inputs and outputs. The handler's parameter types follow `inputs` and its return type
 * `outputs`, so a mismatch fails to type-check.
 */
export function listener<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  fn: Handler<I, O>,
  options: ListenerOptions<I, O> = {},
): Listener<I, O> {
  return { [LISTENER]: true, fn, options };
}

export function isListener(value: unknown): value is AnyListener {
  return typeof value === "object" && value !== null && (value as { [LISTENER]?: unknown })[LISTENER] === true;
}
