import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAppHost, type AppHost, type AppHostOptions, type HostCounters, type HostStats } from "./app-host.ts";

/** Options of `launch`: where to listen, plus everything an app host takes except its mount point. */
export interface LaunchOptions extends Omit<AppHostOptions, "basePath"> {
  /**
   * The TCP port; 0 picks a free one (read it back from `url`).
   * @default 7860
   */
  port?: number;
  /**
   * The interface to listen on; "0.0.0.0" exposes the app to the network.
   * @default "127.0.0.1"
   */
  host?: string;
}

/** A running app. */
export interface LaunchedApp {
  /** Where the app is served, e.g. `http://127.0.0.1:7860/`. */
  readonly url: string;
  readonly port: number;
  /**
   * Shuts down gracefully: refuses new connections and jobs, tells waiting jobs `server_stopping`, lets running
   * jobs finish within `shutdownGraceMs`, disconnects every socket and closes the HTTP server.
   */
  close(): Promise<void>;
  stats(): HostStats;
  /** The host's internal counts, for tests and monitoring. */
  counters(): HostCounters;
}

/**
 * Serves `app` (a `<Blocks>` element) on its own HTTP server at "/". With `role: "worker"` (and `redis`) it opens
 * no port: it runs the handlers of jobs that the cluster's web processes admit (`url` is then empty).
 */
export async function launch(app: unknown, options: LaunchOptions = {}): Promise<LaunchedApp> {
  const { port = 7860, host = "127.0.0.1", ...hostOptions } = options;
  const appHost = createAppHost(app, { ...hostOptions, basePath: "/" });
  if (options.role === "worker") return runWorker(appHost);
  return serveHost(appHost, port, host);
}

/** Serves one app host at the root of a new HTTP server on `port` (0: a free one). */
export async function serveHost(appHost: AppHost, port: number, host: string): Promise<LaunchedApp> {
  const server = createServer((req, res) => {
    if (!appHost.handleHttp(req, res)) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not found");
    }
  });
  appHost.attach(server);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await appHost.close();
    throw error;
  }
  // A process of a cluster starts serving even while Redis is away (joins are refused with a clear error until it
  // is back), but gives it a moment first so that a healthy start accepts joins from the first one.
  await Promise.race([appHost.ready(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost(host)}:${address.port}/`,
    port: address.port,
    stats: () => appHost.stats(),
    counters: () => appHost.counters(),
    close() {
      closing ??= (async () => {
        await appHost.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

/** A worker process: the app's runtime on the shared queue, and no HTTP server. */
async function runWorker(appHost: AppHost): Promise<LaunchedApp> {
  await appHost.ready();
  let closing: Promise<void> | null = null;
  return {
    url: "",
    port: 0,
    stats: () => appHost.stats(),
    counters: () => appHost.counters(),
    close() {
      closing ??= appHost.close();
      return closing;
    },
  };
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
