import { compile, type AppConfig } from "@blockwork/core";
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { Server } from "socket.io";
import { normalizeBasePath } from "./http/base-path.ts";
import { createHttpHandler } from "./http/http-handler.ts";
import { createLogger, type Logger } from "./logger.ts";
import type { Clock } from "./queue/clock.ts";
import { systemClock } from "./queue/clock.ts";
import { QueueRuntime } from "./queue/queue-runtime.ts";
import { SessionStore } from "./session/session-store.ts";
import { TestGates } from "./testing/test-gates.ts";
import { attachSocketTransport } from "./transport/attach-socket-transport.ts";
import { SocketSink } from "./transport/socket-sink.ts";
import type { IoServer } from "./transport/socket-types.ts";

/** Options of one app served by `createAppHost` (and by `launch`). */
export interface AppHostOptions {
  /**
   * Where the app is mounted: its config at `<basePath>config`, its Socket.IO at `<basePath>socket.io`.
   * Lets several apps share one HTTP server (the gallery).
   * @default "/"
   */
  basePath?: string;
  /**
   * Show the real message of handler errors that are not `BlockworkError`s, instead of a generic message with
   * an error id. Turn on while developing; off in production so internals don't leak.
   * @default false
   */
  showError?: boolean;
  /**
   * Hold every queued job at a gate after it takes its slot, released through `POST <basePath>__test/release`,
   * and record slot starts and ends at `GET <basePath>__test/record`. For end-to-end tests only.
   * @default process.env.BLOCKWORK_TEST_GATES === "1"
   */
  testGates?: boolean;
  /**
   * How long a session (its State values) survives without a connection, so that a reconnecting tab resumes
   * it. Jobs waiting at the disconnect are dropped regardless.
   * @default 60_000
   */
  sessionTtlMs?: number;
  /**
   * The built UI's directory.
   * @default packages/server/ui-dist
   */
  uiDir?: string;
  /**
   * Where handler crashes and internal errors are reported.
   * @default a logger writing `[blockwork:<basePath>] …` to stderr
   */
  logger?: Logger;
  /**
   * The queue's time source; tests inject a fake one.
   * @default the system clock
   */
  clock?: Clock;
}

/** A snapshot of an app's load. */
export interface HostStats {
  /** Open Socket.IO connections. */
  readonly connections: number;
  /** Sessions kept, connected or within their TTL. */
  readonly sessions: number;
  /** Jobs waiting in a queue, across the app. */
  readonly waiting: number;
  /** Jobs running (queued ones holding a slot, and `queue: false` ones). */
  readonly running: number;
}

/** One app mounted on an HTTP server that may serve others too. */
export interface AppHost {
  readonly basePath: string;
  readonly config: AppConfig;
  /** Answers the request if it is under `basePath` (returns true), otherwise returns false and leaves it alone. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Starts the app's Socket.IO server at `<basePath>socket.io` on `server`. Call once. */
  attach(server: HttpServer): void;
  /** Refuses new jobs and connections, drops waiting jobs and disconnects every socket; leaves the HTTP server open. */
  close(): Promise<void>;
  stats(): HostStats;
}

const DEFAULT_UI_DIR = fileURLToPath(new URL("../ui-dist/", import.meta.url));

/** Compiles `app` (a `<Blocks>` element) and prepares its HTTP routes, queue and Socket.IO transport. */
export function createAppHost(app: unknown, options: AppHostOptions = {}): AppHost {
  const compiled = compile(app);
  const basePath = normalizeBasePath(options.basePath ?? "/");
  const logger = options.logger ?? createLogger(`blockwork:${basePath}`);
  const clock = options.clock ?? systemClock;
  const gates = (options.testGates ?? process.env.BLOCKWORK_TEST_GATES === "1") ? new TestGates() : null;
  const instanceId = crypto.randomUUID();
  const sink = new SocketSink();
  const runtime = new QueueRuntime({ compiled, sink, logger, clock, showError: options.showError ?? false, ...(gates ? { hooks: gates } : {}) });
  const sessions = new SessionStore({
    clock,
    stateInitials: compiled.stateInitials,
    ttlMs: options.sessionTtlMs ?? 60_000,
    newId: () => crypto.randomUUID(),
  });
  const handleHttp = createHttpHandler({ basePath, config: compiled.config, uiDir: options.uiDir ?? DEFAULT_UI_DIR, gates, logger });
  let io: IoServer | null = null;
  let closed = false;

  return {
    basePath,
    config: compiled.config,
    handleHttp,
    attach(server) {
      if (io) throw new Error(`the app at ${basePath} is already attached to a server`);
      io = new Server(server, { path: `${basePath}socket.io`, transports: ["websocket"], serveClient: false });
      io.use((_socket, next) => (closed ? next(new Error("server_stopping")) : next()));
      attachSocketTransport(io, { config: compiled.config, runtime, sessions, sink, instanceId, logger });
    },
    async close() {
      if (closed) return;
      closed = true;
      runtime.close();
      sink.flush();
      if (io) {
        io.disconnectSockets(true);
        io.engine.close();
      }
      sessions.close();
    },
    stats() {
      const { waiting, running } = runtime.stats();
      return { connections: io?.engine.clientsCount ?? 0, sessions: sessions.size, waiting, running };
    },
  };
}
