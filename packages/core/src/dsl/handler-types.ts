import type { AnyComponent, Component } from "./node.ts";
import type { Update } from "./update.ts";

/** What a handler receives after its inputs. Grows with the event lifecycle (progress, signal, alerts). */
export interface HandlerContext {
  /** The browser tab or API client that submitted the job. */
  readonly session: { readonly id: string };
}

/** The value type carried by a component. */
export type ValueOf<C> = C extends Component<infer T> ? T : never;

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
      ? OutputValue<ValueOf<Only>>
      : { -readonly [K in keyof O]: OutputValue<ValueOf<O[K]>> };

type Awaitable<T> = T | Promise<T>;

/** A handler may return its result, a promise of it, or stream results as an async iterable. */
export type HandlerResult<R> = Awaitable<R> | AsyncIterable<R>;

/** An event handler wired to inputs `I` and outputs `O`. */
export type Handler<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> = number extends I["length"]
  ? (...args: any[]) => HandlerResult<OutputReturn<O>>
  : (...args: [...InputValues<I>, HandlerContext]) => HandlerResult<OutputReturn<O>>;
