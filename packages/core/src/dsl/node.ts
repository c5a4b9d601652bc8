import type { ListenerBinding } from "./listener.ts";

/** Marks an object as a Blockwork element; a global symbol so that two copies of core agree. */
export const NODE = Symbol.for("blockwork.node");

/** JSON-compatible data, the only kind of prop or value that may enter a config. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A placed piece of UI: a component or a layout. Elements are plain descriptions; their identity (the object)
 * is what ties a place in the layout to a mention in `inputs`/`outputs`.
 *
 * `T` is the component's value type, what a handler gets; `O` what a handler may return for it (a file
 * component takes a path or bytes too, stored by the server). Both exist only for the type checker.
 */
export interface Component<T = unknown, O = T> {
  readonly [NODE]: true;
  /** The renderer's name for it, e.g. `"textbox"`. */
  readonly type: string;
  /** JSON props as the UI receives them (label, initial value, choices …). */
  readonly props: Readonly<Record<string, Json | undefined>>;
  /** Child elements of a layout, flattened. */
  readonly children: readonly AnyComponent[];
  readonly listeners: readonly ListenerBinding[];
  /** Lists of components a prop refers to (Examples' inputs, ClearButton's targets); ids in the config. */
  readonly refs?: Readonly<Record<string, readonly AnyComponent[]>>;
  /** Server-only initial value (State): never sent over the wire. */
  readonly serverValue?: { readonly initial: unknown };
  /** Phantom: carries `T` for handler typing. Never set at run time. */
  readonly __value?: (value: T) => T;
  /** Phantom: carries `O` for handler typing. Never set at run time. */
  readonly __output?: (value: O) => O;
}

export type AnyComponent = Component<any, any>;

/** What may stand between JSX tags. */
export type Child = AnyComponent | string | number | boolean | null | undefined | readonly Child[];

export function isComponent(value: unknown): value is AnyComponent {
  return typeof value === "object" && value !== null && (value as { [NODE]?: unknown })[NODE] === true;
}

/** Flattens JSX children into elements and text, dropping `null`, `undefined` and booleans as JSX does. */
export function flattenChildren(children: Child | undefined): (AnyComponent | string)[] {
  const out: (AnyComponent | string)[] = [];
  const visit = (child: Child | undefined): void => {
    if (child === null || child === undefined || typeof child === "boolean") return;
    if (Array.isArray(child)) {
      for (const c of child as readonly Child[]) visit(c);
    } else if (typeof child === "string" || typeof child === "number") {
      out.push(String(child));
    } else if ((child as AnyComponent).type === "fragment") {
      visit((child as AnyComponent).children);
    } else {
      out.push(child as AnyComponent);
    }
  };
  visit(children);
  return out;
}
