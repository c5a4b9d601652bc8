import type { BatchHandler, Handler } from "./handler-types.ts";
import type { AnyComponent } from "./node.ts";

const LISTENER = Symbol.for("blockwork.listener");

/** The events a component can fire. */
export type EventName = "click" | "submit" | "change" | "input" | "release" | "select" | "upload" | "tick" | "load" | "unload";

/** Whether a listener is listed in the app's API docs and callable from outside its page. */
export type ApiVisibility = "public" | "undocumented" | "private";

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
   * Who may call it besides the app's page (Gradio 6's option): `"public"` is listed in the API docs and callable
   * by every door; `"undocumented"` is callable but not listed; `"private"` is refused by the API doors (REST,
   * Gradio's wire, MCP) and by socket connections that are not a browser page (no `Origin` header). A determined
   * caller can still pose as the page: keep secrets behind `auth`, not behind this.
   * @default "public"
   */
  apiVisibility?: ApiVisibility;
  /** What it does, for API callers: the MCP tool's description and the API docs. */
  description?: string;
  /**
   * `false` runs the handler at once, outside any queue and limit: for cheap, instant work.
   * @default true
   */
  queue?: boolean;
  /**
   * How long a job may run, in ms, before it ends with a `timeout` error: its `ctx.signal` is aborted and its
   * slot freed once the handler settles. Unset: no limit.
   */
  timeout?: number;
  /**
   * Hand up to `maxBatchSize` waiting jobs of this listener to one call, in one slot: the handler gets one
   * array per input and returns one array per output. Write batch listeners with `listener()`.
   * @default false
   */
  batch?: boolean;
  /** The most jobs in one batch call. @default 4 */
  maxBatchSize?: number;
  /** How long a batch that is not full waits for more jobs before it runs, in ms. @default 0 (never waits) */
  batchWaitMs?: number;
}

/** What the browser does with a trigger while a job of the same listener is pending (Gradio's `trigger_mode`). */
export type TriggerMode = "once" | "multiple" | "always_last";

/** How much of the status tracker a pending job shows on its outputs. */
export type ShowProgress = "full" | "minimal" | "hidden";

/** One follow-up listener or several. */
export type FollowUps = AnyListener | readonly AnyListener[];

/** What a listener does in the browser around its jobs: follow-ups, cancels, trigger mode and progress display. */
export interface EventOptions {
  /** Listeners whose pending jobs (in the same tab) this one cancels when it fires: a Stop button. */
  cancels?: FollowUps;
  /** Listeners run after this one ends, whatever the outcome, with the values current then. */
  then?: FollowUps;
  /** Listeners run after this one completes without error. */
  success?: FollowUps;
  /**
   * `"once"` ignores triggers while a job is pending, `"multiple"` runs every trigger, `"always_last"` runs once
   * more with the current values after the pending job ends.
   * @default "always_last" for listeners on change or input events, "once" otherwise
   */
  triggerMode?: TriggerMode;
  /** @default "full" */
  showProgress?: ShowProgress;
  /** The components that show this listener's status, instead of its outputs. */
  showProgressOn?: readonly AnyComponent[];
}

/** How a listener is wired: its inputs and outputs, and its queue settings. */
export interface ListenerOptions<I extends readonly AnyComponent[] = readonly AnyComponent[], O extends readonly AnyComponent[] = readonly AnyComponent[]>
  extends QueueOptions,
    EventOptions {
  /** Components whose values are passed to the handler, in order. */
  inputs?: I;
  /** Components that receive the handler's result, in order. */
  outputs?: O;
}

/**
 * A handler with its wiring, usable as a value: on several triggers, in `cancels`, `then` or `success`. `fn` is
 * `null` for a listener that only acts in the browser (a Stop button's `cancels`).
 */
export interface Listener<I extends readonly AnyComponent[] = readonly AnyComponent[], O extends readonly AnyComponent[] = readonly AnyComponent[]> {
  readonly [LISTENER]: true;
  readonly fn: Handler<I, O> | BatchHandler<I, O> | null;
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
 * `outputs`, so a mismatch fails to type-check. With `batch: true` it takes one array per input and returns one
 * array per output. `null` instead of a handler makes a listener that runs nothing on the server, for its
 * `cancels` and follow-ups.
 */
export function listener<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  fn: BatchHandler<I, O>,
  options: ListenerOptions<I, O> & { batch: true },
): Listener<I, O>;
export function listener<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  fn: Handler<I, O> | null,
  options?: ListenerOptions<I, O> & { batch?: false },
): Listener<I, O>;
export function listener(fn: Handler<any, any> | BatchHandler<any, any> | null, options: ListenerOptions<any, any> = {}): AnyListener {
  return { [LISTENER]: true, fn, options };
}

export function isListener(value: unknown): value is AnyListener {
  return typeof value === "object" && value !== null && (value as { [LISTENER]?: unknown })[LISTENER] === true;
}
