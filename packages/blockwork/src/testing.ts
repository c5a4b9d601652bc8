import { fileURLToPath } from "node:url";
import { spawnCli, type RunningCli, type SpawnCliOptions } from "@blockwork/server";

/** Options of `startApp`: where to listen, plus the child process's environment, directory and start timeout. */
export interface StartAppOptions extends SpawnCliOptions {
  /**
   * The port; 0 picks a free one, so tests can run side by side.
   * @default 0
   */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
}

/** An app served by `blockwork run` in a child process. */
export interface RunningApp {
  /** Where it is served, e.g. `http://127.0.0.1:41234/`; it is listening already. */
  readonly url: string;
  /** What the server printed so far (its log and errors). */
  output(): string;
  /** Shuts it down gracefully (SIGTERM; SIGKILL after 5 s) and resolves when the process has exited. */
  stop(): Promise<void>;
}

// The package's own command, next to this file's folder once built (dist/testing.js → bin/blockwork.js).
const BIN = fileURLToPath(new URL("../bin/blockwork.js", import.meta.url));

/**
 * Serves `file` with `blockwork run` in its own process, exactly as `npx blockwork run` would, and resolves once it
 * listens (the CLI prints its URL only then). Rejects with the CLI's output if the app fails to compile or start.
 */
export async function startApp(file: string, options: StartAppOptions = {}): Promise<RunningApp> {
  const { port = 0, host = "127.0.0.1", ...spawnOptions } = options;
  const running: RunningCli = await spawnCli([process.execPath, BIN, "run", file, "--port", String(port), "--host", host], spawnOptions);
  return { url: running.url, output: running.output, stop: running.stop };
}
