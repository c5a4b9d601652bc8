import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compile, isComponent, type AnyComponent, type AppConfig } from "@blockwork/core";
import type { LaunchOptions } from "../launch.ts";

/** An app file's exports: the app, and the launch options it asks for. */
export interface AppModule {
  readonly app: AnyComponent;
  /** `export const launchOptions = { auth, allowedPaths, … }` beside the app; `port` and `host` come from the CLI. */
  readonly options: Omit<LaunchOptions, "port" | "host">;
  /** The compiled config, for the CLI's summary of listeners. */
  readonly config: AppConfig;
}

/** Imports an app file: its `<Blocks>` default export, checked and compiled, and its `launchOptions` export. */
export async function loadAppModule(file: string): Promise<AppModule> {
  return readAppModule(file, (await import(pathToFileURL(appPath(file)).href)) as Record<string, unknown>);
}

/** The absolute path of an app file that exists. */
export function appPath(file: string): string {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`no such file: ${path}`);
  return path;
}

/** Checks an imported app file's exports and compiles its app. */
export function readAppModule(file: string, module: Record<string, unknown>): AppModule {
  const app = module.default;
  if (!isComponent(app) || app.type !== "blocks") {
    throw new Error(`${file} must export default a <Blocks> app (export default <Blocks>…</Blocks>)`);
  }
  // Compiling here surfaces config errors with the file's name before any port is opened.
  const { config } = compile(app);
  const exported = module.launchOptions;
  if (exported !== undefined && (typeof exported !== "object" || exported === null || Array.isArray(exported))) {
    throw new Error(`${file}: launchOptions must be an object of launch options`);
  }
  const { port: _port, host: _host, ...options } = (exported ?? {}) as LaunchOptions;
  return { app, options, config };
}
