import type { AppConfig } from "../config/app-config.ts";


/**
 * Where a handler argument comes from, or where a result goes: the wire (an index into `join.data` or
 * `complete.data`) or the session's State (a component id). State never crosses the wire.
 */
export type ValueSlot = { readonly wire: number } | { readonly state: number };

/** The server-side half of a dependency: the function the config can't carry, and its State wiring. */
export interface HandlerEntry {
  readonly dependencyId: number;
  readonly apiName: string;
  /** The handler, or the batch handler of a `batch` dependency: the runtime calls it by the dependency's config. */
  readonly fn: (...args: any[]) => unknown;
  /** One per handler argument before the context, in order. */
  readonly inputs: readonly ValueSlot[];
  /** One per value the handler returns, in order. */
  readonly outputs: readonly ValueSlot[];
}

/** What `compile` returns: the JSON config for clients and the tables only the server holds. */
export interface CompiledApp {
  readonly config: AppConfig;
  /** By dependency id. */
  readonly handlers: ReadonlyMap<number, HandlerEntry>;
  /** Initial values of `State` components by component id; cloned per session. */
  readonly stateInitials: ReadonlyMap<number, unknown>;
}
