import type { AppConfig, ComponentConfig } from "@blockwork/core";
import { createContext, useContext } from "react";
import type { DependencyRunner } from "../state/dependency-runner.ts";
import type { ValueStore } from "../state/value-store.ts";

/** What every rendered component reaches for: the config, the values and the runner. */
export interface AppServices {
  readonly config: AppConfig;
  readonly components: ReadonlyMap<number, ComponentConfig>;
  readonly store: ValueStore;
  readonly runner: DependencyRunner;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const app = useContext(AppContext);
  if (app === null) throw new Error("useApp() needs an <AppContext.Provider>");
  return app;
}
