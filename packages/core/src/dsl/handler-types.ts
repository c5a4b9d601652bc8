import type { EventData } from "../protocol/messages.ts";
import type { AnyComponent, Component } from "./node.ts";
import type { Update } from "./update.ts";

/** The HTTP side of the connection that submitted a job. */
export interface HandlerRequest {
  /** The client's address as the server saw it (`""` for jobs no client submitted, such as `onUnload`). */
  readonly ip: string;
  /** The connection's handshake headers, lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A running job's progress: a fraction in [0, 1], a `[done, total]` count, or `null` to clear it. */
export type ProgressValue = number | readonly [done: number, total: number] | null;

/** What every handler can do while it runs, for its job (or, in a batch, for every job of the batch). */
export interface JobControls {
  /** Aborted when the job is cancelled or times out: pass it on to `fetch` and friends, or check it in loops. */
  readonly signal: AbortSignal;
  /**
   * Reports progress, shown as a bar over the outputs. Cheap to call in a tight loop: the server sends only the
   * latest value a few times a second.
   */
  progress(value: ProgressValue, desc?: string): void;
  /** Iterates `items`, reporting `[done, total]` progress with `desc` as it goes; stops when the job is cancelled. */
  track<T>(items: Iterable<T> | AsyncIterable<T>, desc?: string, total?: number): AsyncIterable<T>;
  /** Shows an info toast; the job goes on. */
  info(message: string): void;
  /** Shows a warning toast; the job goes on. */
  warning(message: string): void;
  /** Shows a success toast; the job goes on. */
  success(message: string): void;
  /**
   * Which of its group's slots the job (or batch) holds: 0 to limit − 1, so that a box with two GPUs can map
   * slot to device without a pool of its own; `null` in an unlimited group and for `queue: false` listeners.
   * Two jobs never hold the same slot at once, across every process sharing the queue.
   */
  readonly slotIndex: number | null;
}

/** What a handler receives after its inputs. */
export interface HandlerContext extends JobControls {
  /** The browser tab or API client that submitted the job. */
  readonly session: {
    readonly id: string;
    /** Who logged in, when the app is launched with `auth`; absent otherwise. */
    readonly username?: string;
  };
  readonly request: HandlerRequest;
  /** What was selected, for `select` events; `undefined` otherwise. */
  readonly eventData: EventData | undefined;
}

/**
 * What a batch handler receives after its input arrays: controls that act on every job of the batch (its
 * `signal` aborts once all of them are cancelled), and each job's own context, in the order of the arrays.
 */
export interface BatchContext extends JobControls {
  readonly jobs: readonly HandlerContext[];
}

/** The value type carried by a component. */
export type ValueOf<C> = C extends Component<infer T, any> ? T : never;

/** What a handler may return for a component (its value type, but for file components). */
export type OutputOf<C> = C extends Component<any, infer O> ? O : never;

/** Handler arguments for a tuple of input components, in order. */
export type InputValues<I extends readonly AnyComponent[]> = { [K in keyof I]: ValueOf<I[K]> };

/** A value for one output: the bare value, or an update of its props. */
export type OutputValue<T> = T | Update<T>;

/**
 * What a handler returns for its outputs: nothing for none, the bare value for one, a tuple for several.
 * An untyped list of outputs (e.g. from `<Textbox/>` elements) accepts anything.
 */
export type OutputReturn<O extends readonly AnyComponent[]> = number extends O["length"]
  ? unknown
  : O extends readonly []
    ? void
    : O extends readonly [infer Only]
      ? OutputValue<OutputOf<Only>>
      : { -readonly [K in keyof O]: OutputValue<OutputOf<O[K]>> };

type Awaitable<T> = T | Promise<T>;

/** A handler may return its result, a promise of it, or stream results as an async iterable. */
export type HandlerResult<R> = Awaitable<R> | AsyncIterable<R>;

/** An event handler wired to inputs `I` and outputs `O`. */
export type Handler<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> = number extends I["length"]
  ? (...args: any[]) => HandlerResult<OutputReturn<O>>
  : (...args: [...InputValues<I>, HandlerContext]) => HandlerResult<OutputReturn<O>>;

/** A batch handler's arguments: one array per input, the values of every job in the batch. */
export type BatchInputValues<I extends readonly AnyComponent[]> = { [K in keyof I]: ValueOf<I[K]>[] };

/** What a batch handler returns: one array per output (`[values]` for a single output), in the jobs' order. */
export type BatchOutputReturn<O extends readonly AnyComponent[]> = number extends O["length"]
  ? unknown
  : O extends readonly []
    ? void
    : { -readonly [K in keyof O]: OutputValue<OutputOf<O[K]>>[] };

/** A handler of a `batch: true` listener. Batch handlers don't stream. */
export type BatchHandler<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> = number extends I["length"]
  ? (...args: any[]) => Awaitable<BatchOutputReturn<O>>
  : (...args: [...BatchInputValues<I>, BatchContext]) => Awaitable<BatchOutputReturn<O>>;
