import type { AppConfig } from "../config/app-config.ts";
import type { Handler } from "../dsl/handler-types.ts";

/** The server-side half of a dependency: the function the config can't carry. */
export interface HandlerEntry {
  readonly dependencyId: number;
  readonly apiName: string;
  readonly fn: Handler<any, any>;
}

/** What `compile` returns: the JSON config for clients and the tables only the server holds. */
export interface CompiledApp {
  readonly config: AppConfig;
  /** By dependency id. */
  readonly handlers: ReadonlyMap<number, HandlerEntry>;
  /** Initial values of `State` components by component id; cloned per session. */
  readonly stateInitials: ReadonlyMap<number, unknown>;
}
