import { createAppHost, type AppHost } from "../app-host.ts";
import { appPath, readAppModule } from "../cli/load-app.ts";
import { serveHost, type LaunchedApp } from "../launch.ts";
import { loadFresh } from "./load-fresh.ts";
import { watchFiles } from "./watch-files.ts";

export interface DevServerOptions {
  readonly file: string;
  readonly port: number;
  readonly host: string;
  /** The tsconfig app files compile with (the CLI's, which forces Blockwork's JSX runtime). */
  readonly tsconfig?: string;
  /** Where progress goes (the terminal). */
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
}

export interface DevServer {
  /** The app's address, once a version of it has loaded. */
  readonly served: Promise<LaunchedApp>;
  close(): Promise<void>;
}

/**
 * `blockwork dev`: serves an app file and swaps in each edit of it (or of anything it imports) without a restart.
 * An edit that fails to load is reported in the terminal and in open pages while the last good version serves on;
 * an app that has never loaded is tried again at every edit.
 */
export function startDevServer(options: DevServerOptions): DevServer {
  const path = appPath(options.file);
  const name = options.file;
  let host: AppHost | null = null;
  let launched: LaunchedApp | null = null;
  let loading = false;
  /** The files of the last version that loaded: a failed edit is fixed by editing one of these, or its own. */
  let good = new Set<string>();
  let again = false;
  let closed = false;
  let resolveServed!: (app: LaunchedApp) => void;
  let rejectServed!: (error: unknown) => void;
  const served = new Promise<LaunchedApp>((resolve, reject) => {
    resolveServed = resolve;
    rejectServed = reject;
  });
  const watch = watchFiles(() => void load());

  async function load(): Promise<void> {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    const started = performance.now();
    const files = new Set<string>();
    try {
      const { app, options: launchOptions } = readAppModule(options.file, await loadFresh(path, files, options.tsconfig));
      if (closed) return;
      good = files;
      if (host) {
        host.reload(app);
        options.log(`Blockwork: reloaded ${name} in ${Math.round(performance.now() - started)} ms`);
      } else {
        // One process is enough while developing: the queue stays in memory whatever the app file or the
        // environment asks for, so that a reload can swap it.
        const { redis: _redis, role: _role, ...rest } = launchOptions;
        host = createAppHost(app, { showError: true, ...rest, redis: false, basePath: "/" });
        launched = await serveHost(host, options.port, options.host);
        resolveServed(launched);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Where the app's own code threw, the stack helps; a compile error (esbuild's, or a ConfigError) says it all.
      const compileError = error instanceof Error && (error.name === "ConfigError" || error.name === "TransformError");
      const detail = error instanceof Error && !compileError ? (error.stack ?? message) : message;
      const still = host ? "; the previous version keeps serving" : "; waiting for an edit";
      options.warn(`blockwork: ${name} failed to load${still}:\n${detail}`);
      host?.reloadFailed(message);
      // A server that could not listen (port taken) is not fixed by an edit.
      if (!host && isListenError(error)) rejectServed(error);
    } finally {
      watch.set([...new Set([...good, ...files])]);
      loading = false;
    }
    if (again && !closed) {
      again = false;
      await load();
    }
  }

  void load();
  return {
    served,
    async close() {
      closed = true;
      watch.close();
      await launched?.close();
    },
  };
}

function isListenError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL";
}
