import { compile, createValueChecker, type AppConfig, type AppNotice, type CompiledApp } from "@blockwork/core";
import type { EventEmitter } from "node:events";
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Server } from "socket.io";
import { normalizeBasePath } from "./http/base-path.ts";
import { createHttpHandler } from "./http/http-handler.ts";
import { ExampleFiles } from "./files/example-files.ts";
import { CacheCleanup } from "./files/cache-cleanup.ts";
import { DiskFileStore } from "./files/disk-file-store.ts";
import { guardHandlers } from "./guard/guard-handlers.ts";
import { createLogger, type Logger } from "./logger.ts";
import { LoopLagMonitor } from "./monitor/loop-lag-monitor.ts";
import type { Clock } from "./queue/clock.ts";
import { systemClock } from "./queue/clock.ts";
import { countingClock } from "./queue/counting-clock.ts";
import { QueueRuntime } from "./queue/queue-runtime.ts";
import { TimerPacer } from "./queue/timer-pacer.ts";
import { Auth, type AuthOption } from "./security/auth.ts";
import { RedisLoginStore } from "./security/redis-login-store.ts";
import { isOriginAllowed } from "./security/check-origin.ts";
import { SessionStore } from "./session/session-store.ts";
import type { Sessions } from "./session/sessions.ts";
import { SharedSessionStore } from "./session/shared-session-store.ts";
import { RedisQueueStore } from "./queue/store/redis/redis-queue-store.ts";
import { createHash } from "node:crypto";
import { TestGates } from "./testing/test-gates.ts";
import { attachSocketTransport, type SocketTransport } from "./transport/attach-socket-transport.ts";
import { stateIdsByPlace } from "./dev/state-ids.ts";
import { guardPayloadSize, hardPayloadCap } from "./transport/payload-guard.ts";
import { SocketSink } from "./transport/socket-sink.ts";
import { SinkRouter } from "./transport/sink-router.ts";
import { GradioDoor } from "./gradio/gradio-door.ts";
import { RestDoor } from "./gradio/rest-door.ts";
import { withGradioFields } from "./gradio/gradio-config.ts";
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
   * it, with the results of jobs that were running at the disconnect (waiting jobs keep their place for
   * `waitingGraceMs`). When it passes, the session's `onUnload` listeners run and its State is dropped.
   * @default 60_000
   */
  sessionTtlMs?: number;
  /**
   * How long a waiting job whose connection dropped keeps its place in the queue: if its session reconnects in
   * time, the job stays and runs; otherwise it leaves the queue and never runs. A reload or a network blip
   * should not cost a user their place.
   * @default 15_000
   */
  waitingGraceMs?: number;
  /**
   * A Redis shared by every process of the app (`redis://host:port`): they then share one queue, with limits,
   * positions and ETAs exact across all of them, and sessions that move freely between them, so a load balancer
   * needs no stickiness. Without it (or with `false`, whatever the environment says), the queue lives in this process.
   * @default process.env.BLOCKWORK_REDIS_URL, else none
   */
  redis?: string | false;
  /**
   * Starts every Redis key of the app (one hash tag per app: `<prefix>{app}:…`), so that several apps share one
   * Redis. Every process of one app must use the same.
   * @default "blockwork:"
   */
  redisKeyPrefix?: string;
  /**
   * What this process does in a cluster (with `redis`): `"both"` serves clients and runs handlers; `"web"` serves
   * clients and runs no handler (its jobs run on other processes); `"worker"` runs handlers and serves nothing
   * (`launch` then opens no port). GPU machines run workers, web machines serve.
   * @default "both"
   */
  role?: "both" | "web" | "worker";
  /**
   * With `redis`: how long a process's slots outlive its last lease renewal (renewed every third of it, from a
   * worker thread, so a blocked event loop keeps them). A process that dies gives its slots back this long after.
   * @default 6_000
   */
  leaseMs?: number;
  /**
   * Serves every public listener as an MCP tool at `<base>mcp` (stateless Streamable HTTP, through the official
   * TypeScript SDK): a tool call waits in the same queue as the page's users and reports its place and progress
   * as MCP progress notifications. Loaded on the first request to `mcp`; the `blockwork` package lists the SDK as
   * an optional peer dependency (`npm install @modelcontextprotocol/sdk`), so apps without MCP don't install it.
   * @default false
   */
  mcpServer?: boolean;
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
  /**
   * The largest message a client may send, in bytes: a bigger one is answered with a `too_large` error (up to
   * twice this size; past that the connection is dropped unread). Files never travel in messages (they are
   * uploaded to `POST <base>upload`), so this stays small for every app.
   * @default 1_000_000
   */
  maxPayloadBytes?: number;
  /**
   * How many jobs one session (a tab or API client) may have waiting at once; more joins are refused with
   * `rate_limited` until one starts. Stops one client from filling the queue. `null`: no cap.
   * @default 8
   */
  maxJobsPerSession?: number | null;
  /**
   * How many jobs one client address may have waiting at once (`rate_limited` past it). Off by default: load
   * tests and proxies put many users behind one address.
   * @default null
   */
  maxJobsPerIp?: number | null;
  /**
   * How long `close()` (and SIGTERM in the CLI) lets running jobs finish before ending them with
   * `server_stopping`. Waiting jobs are told `server_stopping` at once.
   * @default 10_000
   */
  shutdownGraceMs?: number;
  /**
   * Folders whose files the app may serve, at `<basePath>file/<absolute path>` (e.g. a handler returns
   * `file/srv/app/outputs/cat.png` for an Image). Relative folders are resolved against the working directory.
   * Nothing else on disk is served but the UI's own files.
   * @default []
   */
  allowedPaths?: readonly string[];
  /**
   * Where uploaded files and handlers' file outputs are kept, each under an unguessable id. Processes that share
   * one (a cluster on one machine, or one volume mounted at the same path) must say so with `sharedCache`.
   * @default a new folder under the OS temp dir, removed at close; with `redis`, `<temp dir>/blockwork-cache-<app id>`, shared
   */
  cacheDir?: string;
  /**
   * Several processes use `cacheDir` (the processes of one app on one Redis): a file uploaded to one is found by the
   * others, nothing is removed at shutdown, and only `deleteCache` and `maxCacheBytes` remove files. A private cache
   * is removed at shutdown.
   * @default true with `redis`, else false
   */
  sharedCache?: boolean;
  /**
   * The largest file `POST <basePath>upload` accepts, in bytes: a bigger one is refused with `too_large` as soon as
   * it passes the limit, and what was written of it is removed.
   * @default 100_000_000
   */
  maxFileBytes?: number;
  /**
   * The most bytes the file cache holds: past it, the oldest files are removed to make room (so a full cache never
   * refuses uploads). At least `maxFileBytes`. Lower it where the temp dir is in memory (tmpfs).
   * @default 2_000_000_000
   */
  maxCacheBytes?: number;
  /**
   * Gradio's `delete_cache`: every `everySeconds`, remove cached files older than `olderThanSeconds`. `null`: files
   * leave only by `maxCacheBytes` (and, for a private cache, at shutdown).
   * @default null
   */
  deleteCache?: readonly [everySeconds: number, olderThanSeconds: number] | null;
  /**
   * Puts a login page in front of the app: `[username, password]` pairs, or a function that checks them. Without
   * the login cookie, the config, the socket and every route but the login page are refused.
   * @default none: the app is open
   */
  auth?: AuthOption;
  /**
   * Text shown on the login page under the app's title (Gradio's `auth_message`), e.g. whom to ask for an account.
   * @default none
   */
  authMessage?: string;
  /**
   * Browser origins other than the app's own that may use it (e.g. `"https://example.com"`, or `"*"` for
   * any). Requests without an Origin header (API clients, curl) are always allowed.
   * @default [] (same origin only)
   */
  allowedOrigins?: readonly string[];
  /**
   * An event-loop stall at least this long is logged with the listener to blame.
   * @default 500
   */
  loopLagWarnMs?: number;
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

/**
 * The host's internal bookkeeping, for tests and monitoring: after every client has left and every session has
 * expired, each count is back where it started.
 */
export interface HostCounters extends HostStats {
  /** Jobs the runtime tracks (waiting, running, or finished but not yet reported to a reconnecting session). */
  readonly jobs: number;
  /** Pending timers of the queue's clock: group update throttles, session expiries, timeouts. */
  readonly timers: number;
  /** Event listeners on the host's long-lived emitters (Socket.IO server, namespace, engine, HTTP server). */
  readonly listeners: number;
  /** Connections in a group's room (they have a job waiting). */
  readonly roomMembers: number;
  /** Handlers running (or streaming) right now. */
  readonly handlersInFlight: number;
  /** Logins kept (with `auth`). */
  readonly logins: number;
  /** Jobs that started after their connection had closed: always 0. */
  readonly orphanStarts: number;
  /** Event-loop stalls logged. */
  readonly loopStalls: number;
}

/** One app mounted on an HTTP server that may serve others too. */
export interface AppHost {
  readonly basePath: string;
  /** The config served now (a new one after `reload`). */
  readonly config: AppConfig;
  /** Answers the request if it is under `basePath` (returns true), otherwise returns false and leaves it alone. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Starts the app's Socket.IO server at `<basePath>socket.io` on `server`. Call once. */
  attach(server: HttpServer): void;
  /**
   * Shuts the app down gracefully: refuses new connections and jobs, tells waiting jobs `server_stopping`, lets
   * running jobs finish for up to `shutdownGraceMs` (then ends them with `server_stopping`), and disconnects
   * every socket. Leaves the HTTP server open.
   */
  close(): Promise<void>;
  stats(): HostStats;
  counters(): HostCounters;
  /** Resolves once the shared queue (Redis) is reachable; at once for the in-memory queue. */
  ready(): Promise<void>;
  /**
   * Swaps in a new version of the app without a restart (`blockwork dev`): open pages are told to take its
   * layout and keep their session, State carries over by place, running jobs finish on their old handler and
   * waiting jobs keep their place (see `QueueRuntime.reload`). Throws, changing nothing, if `app` doesn't compile.
   * The in-memory queue only.
   */
  reload(app: unknown): void;
  /** The latest edit failed to load: open pages show `message` while the current version keeps serving. */
  reloadFailed(message: string): void;
}

const DEFAULT_UI_DIR = fileURLToPath(new URL("../ui-dist/", import.meta.url));

/** Compiles `app` (a `<Blocks>` element) and prepares its HTTP routes, queue and Socket.IO transport. */
export function createAppHost(app: unknown, options: AppHostOptions = {}): AppHost {
  let compiled = compile(app);
  const basePath = normalizeBasePath(options.basePath ?? "/");
  const logger = options.logger ?? createLogger(`blockwork:${basePath}`);
  const clock = countingClock(options.clock ?? systemClock);
  const maxPayloadBytes = options.maxPayloadBytes ?? 1_000_000;
  const maxFileBytes = options.maxFileBytes ?? 100_000_000;
  const maxCacheBytes = options.maxCacheBytes ?? 2_000_000_000;
  if (!(Number.isSafeInteger(maxFileBytes) && maxFileBytes > 0)) throw new Error(`maxFileBytes must be a positive whole number of bytes; got ${maxFileBytes}`);
  if (!(Number.isSafeInteger(maxCacheBytes) && maxCacheBytes >= maxFileBytes)) {
    throw new Error(`maxCacheBytes must be a whole number of bytes of at least maxFileBytes (${maxFileBytes}); got ${maxCacheBytes}`);
  }
  if (options.deleteCache && !(options.deleteCache[0] > 0 && options.deleteCache[1] >= 0)) {
    throw new Error(`deleteCache must be [everySeconds > 0, olderThanSeconds >= 0]; got [${options.deleteCache.join(", ")}]`);
  }
  const monitor = new LoopLagMonitor({ logger, warnMs: options.loopLagWarnMs ?? 500 });
  /** What the host serves of one version of the app: its config with the host's limits, checks and handlers. */
  const prepare = (next: CompiledApp) => {
    const config: AppConfig = { ...next.config, limits: { maxPayloadBytes, maxFileBytes } };
    const checker = createValueChecker(config, { maxImageChars: maxPayloadBytes });
    return { config, checker, guarded: guardHandlers(next, checker, monitor, { store: fileStore, allowedPaths }) };
  };
  let notice: AppNotice | null = null;
  let transport: SocketTransport | null = null;
  const allowedOrigins = options.allowedOrigins ?? [];
  const shutdownGraceMs = options.shutdownGraceMs ?? 10_000;
  const gates = (options.testGates ?? process.env.BLOCKWORK_TEST_GATES === "1") ? new TestGates() : null;
  const sink = new SocketSink();
  // The socket's sink, and every other door's (Gradio's wire) behind one router the runtime talks to.
  const router = new SinkRouter(sink);
  const redisUrl = options.redis === false ? undefined : (options.redis ?? (process.env.BLOCKWORK_REDIS_URL || undefined));
  const role = options.role ?? "both";
  if (role !== "both" && redisUrl === undefined) throw new Error(`role "${role}" needs the Redis queue: pass redis (or --redis, BLOCKWORK_REDIS_URL)`);
  // In a cluster the app's id is its config's: another process of the same app is not a restart (no reload).
  const instanceId = redisUrl === undefined ? crypto.randomUUID() : createHash("sha256").update(JSON.stringify(compiled.config)).digest("base64url").slice(0, 22);
  const sharedCache = options.sharedCache ?? redisUrl !== undefined;
  if (sharedCache && options.cacheDir === undefined && redisUrl === undefined) throw new Error("sharedCache needs the cacheDir that the processes share");
  // Examples that name files on disk: a missing one is a config error now, before anything is created.
  let exampleFiles = new ExampleFiles(compiled.config, process.cwd());
  const fileStore = new DiskFileStore({
    dir: options.cacheDir ?? (sharedCache ? join(tmpdir(), `blockwork-cache-${instanceId}`) : undefined),
    shared: sharedCache,
    maxCacheBytes,
    clock,
  });
  const cleanup = options.deleteCache ? startCacheCleanup(fileStore, options.deleteCache, clock, logger) : null;
  const allowedPaths = (options.allowedPaths ?? []).map((p) => resolve(p));
  // File inputs must be files this store issued, within maxFileBytes (see `createJoinFileResolver`).
  const joinFiles = { store: fileStore, maxBytes: maxFileBytes };
  let { config, checker, guarded } = prepare(compiled);
  /** Puts the Examples' files in the cache, then serves the config with their values; settles when done. */
  const storeExampleFiles = (): Promise<void> => {
    const base = config;
    return exampleFiles.store(base, fileStore).then(
      (withFiles) => {
        // A newer version (`blockwork dev`) replaced this one meanwhile: it stores its own.
        if (config === base) config = withFiles;
      },
      (error: unknown) => logger.error("could not put the Examples' files in the cache", error),
    );
  };
  const examplesStored = storeExampleFiles();
  const timers: TimerPacer = new TimerPacer({
    config: compiled.config,
    clock,
    isPending: (sessionId, dependencies): boolean => runtime.isPending(sessionId, dependencies),
    tick: (socketId, componentId) => sink.tick(socketId, { type: "tick", componentId }),
    onChange: (sessionId, componentId, setting) => cluster.sessions?.saveTimer(sessionId, componentId, setting),
  });
  // Filled when the runtime creates its store (with `redis`): a holder rather than `let`s, which TypeScript would
  // narrow to `null` for good, not seeing the assignment inside the factory.
  const cluster: { store?: RedisQueueStore; sessions?: SharedSessionStore } = {};
  const runtime: QueueRuntime = new QueueRuntime({
    compiled: guarded,
    sink: router,
    logger,
    clock,
    timers,
    showError: options.showError ?? false,
    caps: { maxJobsPerSession: options.maxJobsPerSession === undefined ? 8 : options.maxJobsPerSession, maxJobsPerIp: options.maxJobsPerIp ?? null },
    ...(options.waitingGraceMs === undefined ? {} : { waitingGraceMs: options.waitingGraceMs }),
    ...(gates ? { hooks: gates } : {}),
    // Dead processes are looked for three times per lease, so their slots come back within about 4/3 of it.
    reapIntervalMs: Math.max(100, Math.round((options.leaseMs ?? 6_000) / 3)),
    runsHandlers: role !== "web",
    ...(redisUrl === undefined
      ? {}
      : {
          store: (setup) => {
            const redisStore = RedisQueueStore.create(setup, {
              url: redisUrl,
              keyPrefix: options.redisKeyPrefix ?? "blockwork:",
              leaseMs: options.leaseMs ?? 6_000,
              heldMessagesMs: options.sessionTtlMs ?? 60_000,
              runsHandlers: role !== "web",
              onError: (error) => logger.warn(`Redis at ${redisUrl} is unavailable (${error.message}); joins are refused until it is back`),
              onReset: ({ waitingJobIds, runningJobIds }) => {
                logger.warn("Redis lost the queue's state (it restarted empty): its jobs end with an error, and the queue starts afresh");
                runtime.lost([...waitingJobIds, ...runningJobIds]);
              },
            });
            cluster.store = redisStore;
            cluster.sessions = new SharedSessionStore({
              redis: redisStore.client,
              keyBase: redisStore.keyBase,
              clock,
              stateInitials: compiled.stateInitials,
              ttlMs: options.sessionTtlMs ?? 60_000,
              newId: () => crypto.randomUUID(),
              onExpire: (session) => runtime.endSession(session),
              onError: (message, error) => logger.warn(`${message}: ${error instanceof Error ? error.message : String(error)}`),
            });
            return redisStore;
          },
          relay: () => cluster.store!,
          sessionFor: (sessionId, username) => cluster.sessions!.sessionFor(sessionId, username),
          sharedState: () => cluster.sessions!,
        }),
  });
  if (cluster.sessions) sink.onChoices = (session) => cluster.sessions?.saveChoices(session);
  const localSessions = cluster.sessions
    ? null
    : new SessionStore({
      clock,
      stateInitials: compiled.stateInitials,
      ttlMs: options.sessionTtlMs ?? 60_000,
      newId: () => crypto.randomUUID(),
      onExpire: (session) => runtime.endSession(session),
    });
  const sessions: Sessions = cluster.sessions ?? localSessions!;
  // In a cluster, a login made on one process is valid on every other.
  const store = cluster.store;
  const auth = options.auth === undefined ? null : new Auth(options.auth, basePath, store ? new RedisLoginStore(store.client, store.keyBase) : undefined);
  // The HTTP doors: Gradio's wire (its own clients) and REST in Gradio's `/call` shape (curl).
  const gradio = new GradioDoor({ runtime, sessions, app: () => ({ config, checker, files: joinFiles }), maxPayloadBytes, logger });
  const rest = new RestDoor({ runtime, sessions, app: () => ({ config, checker, files: joinFiles }), maxPayloadBytes });
  router.add(gradio);
  router.add(rest);
  // The MCP SDK is big: it is imported when the first MCP request comes, not at start.
  let mcp: Promise<{ handle: (route: string, req: IncomingMessage, res: ServerResponse) => Promise<boolean> }> | null = null;
  const mcpDoor = () =>
    (mcp ??= import("./mcp/mcp-door.ts").then(({ McpDoor }) => {
      const door = new McpDoor({ runtime, sessions, app: () => ({ config, checker, files: joinFiles }), maxPayloadBytes, version: "0.1.0" });
      router.add(door);
      return door;
    }));
  const handleHttp = createHttpHandler({
    basePath,
    config: () => config,
    servedConfig: withGradioFields,
    doors: [
      (route, req, res) => rest.handle(route, req, res),
      (route, req, res) => gradio.handle(route, req, res),
      ...(options.mcpServer
        ? [
            async (route: string, req: IncomingMessage, res: ServerResponse) => {
              if (route !== "mcp") return false;
              const door = await mcpDoor().catch((error: unknown) => {
                mcp = null;
                logger.error("mcpServer: the MCP SDK could not be loaded (npm install @modelcontextprotocol/sdk)", error);
                return null;
              });
              if (door) return door.handle(route, req, res);
              res.writeHead(501, { "Content-Type": "application/json; charset=utf-8" });
              res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "This server's MCP support is not installed: npm install @modelcontextprotocol/sdk" }, id: null }));
              return true;
            },
          ]
        : []),
    ],
    uiDir: options.uiDir ?? DEFAULT_UI_DIR,
    gates,
    logger,
    auth,
    ...(options.authMessage === undefined ? {} : { authMessage: options.authMessage }),
    allowedOrigins,
    allowedPaths,
    fileStore,
    maxFileBytes,
  });
  let io: IoServer | null = null;
  let http: HttpServer | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;
  monitor.start();

  return {
    basePath,
    get config() {
      return config;
    },
    handleHttp,
    attach(server) {
      if (io) throw new Error(`the app at ${basePath} is already attached to a server`);
      http = server;
      io = new Server(server, {
        path: `${basePath}socket.io`,
        transports: ["websocket"],
        serveClient: false,
        maxHttpBufferSize: hardPayloadCap(maxPayloadBytes),
        // Socket.IO's defaults, stated: a connection is dropped only after 25 s + 20 s without a pong, so a
        // handler that stalls the loop for seconds costs the other connections latency, not their session.
        pingInterval: 25_000,
        pingTimeout: 20_000,
        // Runs before the WebSocket upgrade: another site's page never gets a connection.
        allowRequest: (req, callback) => callback(null, isOriginAllowed(req, allowedOrigins)),
      });
      io.use((socket, next) => {
        if (closed) return next(new Error("server_stopping"));
        if (!auth) return next();
        auth.userOf(socket.request).then(
          (username) => {
            if (username === undefined) return next(new Error("unauthorized"));
            (socket.data as { username?: string }).username = username;
            next();
          },
          () => next(new Error("unavailable")),
        );
      });
      guardPayloadSize(io, maxPayloadBytes);
      transport = attachSocketTransport(io, {
        config,
        appNotice: () => notice,
        runtime,
        sessions,
        sink,
        instanceId,
        logger,
        timers,
        checker,
        maxPayloadBytes,
        files: joinFiles,
      });
    },
    close() {
      closing ??= (async () => {
        closed = true;
        runtime.close();
        timers.close();
        sink.flush();
        // Running jobs finish and report to their still-connected clients, within the grace period.
        const deadline = Date.now() + shutdownGraceMs;
        while (runtime.stats().running > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        runtime.stopRunning();
        sink.flush();
        gradio.close();
        rest.close();
        monitor.stop();
        if (io) {
          io.disconnectSockets(true);
          io.engine.close();
        }
        sessions.close();
        await runtime.closeStore();
        await cleanup?.stop();
        await fileStore.close();
      })();
      return closing;
    },
    async ready() {
      await Promise.all([cluster.store?.ready(), examplesStored]);
    },
    reload(next) {
      if (!localSessions) throw new Error("live reload needs the in-memory queue (one process, no Redis)");
      const nextCompiled = compile(next);
      const nextExampleFiles = new ExampleFiles(nextCompiled.config, process.cwd());
      const prepared = prepare(nextCompiled);
      const stateIds = stateIdsByPlace(compiled, nextCompiled);
      compiled = nextCompiled;
      ({ config, checker, guarded } = prepared);
      localSessions.reload(compiled.stateInitials, stateIds);
      runtime.reload(guarded, stateIds);
      timers.reload(config);
      transport?.reconfigure(config, checker);
      exampleFiles = nextExampleFiles;
      const announce = (): void => {
        notice = { version: (notice?.version ?? 0) + 1, error: null };
        io?.emit("app", notice);
      };
      // Pages fetch the new config when told: with Examples' files, once they are in the cache.
      if (exampleFiles.size === 0) announce();
      else void storeExampleFiles().then(announce);
    },
    reloadFailed(message) {
      notice = { version: notice?.version ?? 0, error: message };
      io?.emit("app", notice);
    },
    stats() {
      const { waiting, running } = runtime.stats();
      return { connections: io?.engine.clientsCount ?? 0, sessions: sessions.size, waiting, running };
    },
    counters() {
      const { waiting, running, jobs } = runtime.stats();
      const emitters: (EventEmitter | undefined)[] = [io ?? undefined, io?.of("/"), io?.engine, http ?? undefined];
      return {
        connections: io?.engine.clientsCount ?? 0,
        sessions: sessions.size,
        waiting,
        running,
        jobs,
        timers: clock.pendingTimers,
        listeners: emitters.reduce((sum, e) => sum + (e ? e.eventNames().reduce((n, name) => n + e.listenerCount(name), 0) : 0), 0),
        roomMembers: sink.roomMembers,
        handlersInFlight: monitor.inFlight,
        logins: auth?.size ?? 0,
        orphanStarts: sink.orphanStarts,
        loopStalls: monitor.stalls,
      };
    },
  };
}

function startCacheCleanup(store: DiskFileStore, [everySeconds, olderThanSeconds]: readonly [number, number], clock: Clock, logger: Logger): CacheCleanup {
  return new CacheCleanup(store, {
    everyMs: everySeconds * 1000,
    olderThanMs: olderThanSeconds * 1000,
    clock,
    onError: (error) => logger.warn(`deleteCache: could not remove old files (${error instanceof Error ? error.message : String(error)})`),
  });
}
