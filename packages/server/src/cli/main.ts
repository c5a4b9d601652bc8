import { ConfigError } from "@blockwork/core";
import { launch } from "../launch.ts";
import { startDevServer } from "../dev/dev-server.ts";
import { findFreePort } from "./find-port.ts";
import { listenerTable } from "./listener-table.ts";
import { loadAppModule } from "./load-app.ts";
import { parseArgs, parsePort, USAGE } from "./parse-args.ts";
import { serveGallery } from "./serve-gallery.ts";

const DEFAULT_PORT = 7860;
const DEFAULT_HOST = "127.0.0.1";

export interface CliOptions {
  /** The tsconfig app files are compiled with (`blockwork dev` compiles each version with it). */
  readonly tsconfig?: string;
}

/** The `blockwork` command. Resolves to the process exit code; a server keeps running until a signal. */
export async function main(argv: readonly string[], cli: CliOptions = {}): Promise<number> {
  const command = parseArgs(argv);
  if (command.kind === "help") {
    console.log(USAGE);
    return 0;
  }
  if (command.kind === "error") {
    console.error(`blockwork: ${command.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const host = command.host ?? process.env.BLOCKWORK_HOST ?? DEFAULT_HOST;
    const port = await choosePort(command.port, host);
    if (command.kind === "run") {
      const { app, options, config } = await loadAppModule(command.file);
      const served = await launch(app, {
        ...options,
        port,
        host,
        ...(command.redis === undefined ? {} : { redis: command.redis }),
        ...(command.role === undefined ? {} : { role: command.role }),
      });
      if (command.role === "worker") console.log(`Blockwork: ${command.file} worker running handlers from the shared queue`);
      else console.log(`Blockwork: ${command.file} running at ${served.url}${command.role === "web" ? " (web: handlers run on worker processes)" : ""}`);
      // For a person at a terminal only: logs and tools that read the output get the one line above.
      if (process.stdout.isTTY) console.log(listenerTable(config));
      stopOnSignal(() => served.close());
    } else if (command.kind === "dev") {
      const dev = startDevServer({
        file: command.file,
        port,
        host,
        ...(cli.tsconfig === undefined ? {} : { tsconfig: cli.tsconfig }),
        log: (line) => console.log(line),
        warn: (line) => console.error(line),
      });
      stopOnSignal(() => dev.close());
      const served = await dev.served.catch(async (error: unknown) => {
        await dev.close();
        throw error;
      });
      console.log(`Blockwork: ${command.file} running at ${served.url} (dev: reloads on every edit)`);
    } else {
      const gallery = await serveGallery(command.dir, port, host);
      console.log(`Blockwork gallery (${gallery.names.join(", ")}) running at ${gallery.url}`);
      stopOnSignal(() => gallery.close());
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) console.error(`blockwork: config error: ${error.message}`);
    else console.error(`blockwork: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

/** An explicit port (flag or BLOCKWORK_PORT) is used as is; the default moves to the next free one if busy. */
async function choosePort(flag: number | undefined, host: string): Promise<number> {
  if (flag !== undefined) return flag;
  const fromEnv = process.env.BLOCKWORK_PORT;
  if (fromEnv !== undefined && fromEnv !== "") {
    const port = parsePort(fromEnv);
    if (port === undefined) throw new Error(`BLOCKWORK_PORT must be a port number, got "${fromEnv}"`);
    return port;
  }
  return findFreePort(DEFAULT_PORT, host);
}

/**
 * SIGINT and SIGTERM shut down gracefully (new connections and jobs refused, waiting jobs told, running jobs
 * given their grace period), then exit 0. A second signal exits at once.
 */
function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`blockwork: ${signal} again: exiting without waiting for running jobs`);
      process.exit(1);
    }
    stopping = true;
    console.log(`Blockwork: ${signal}: letting running jobs finish, then exiting`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("blockwork: shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
