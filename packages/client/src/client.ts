import { createValueChecker, type AppConfig, type ClientToServerEvents, type ErrorPayload, type EventData, type Hello, type ServerMessage, type ServerToClientEvents, type ValueChecker } from "@blockwork/core";
import { io, type Socket } from "socket.io-client";
import { parseAppUrl, type AppUrl } from "./app-url.ts";
import { logIn } from "./log-in.ts";
import { filesIn, uploadFiles, UploadError, withUploaded } from "./upload-files.ts";
import { Job } from "./job.ts";
import { JobRun } from "./job-run.ts";

export interface ConnectOptions {
  /** Resume this session (and its State values) if the server still keeps it; otherwise a new one starts. */
  sessionId?: string;
  /**
   * How long `connect` waits for the server's `hello` and config.
   * @default 10_000
   */
  timeoutMs?: number;
  /**
   * When the connection drops, how long unfinished jobs wait for it to come back: the server keeps a running job
   * of a session within its session TTL and delivers its result on the new connection, and a waiting job keeps
   * its place for its grace period (`waitingGraceMs`, 15 s by default).
   * @default 30_000
   */
  resumeTimeoutMs?: number;
  /** Receive the app's Timer ticks (the id of the Timer that ticked), to run its `tick` listeners as a tab would. */
  onTick?: (componentId: number) => void;
  /** `[username, password]` for an app launched with `auth`: `connect` logs in first and keeps the cookie. */
  auth?: readonly [username: string, password: string];
}

/** Options of one submission. */
export interface SubmitOptions {
  /** What was selected, for a listener of a `select` event. */
  eventData?: EventData;
}

/** How long the server may take to acknowledge a join or cancel before the job fails. */
const ACK_TIMEOUT_MS = 60_000;

/**
 * One session with a Blockwork app over one Socket.IO connection. Uses only web APIs (fetch, WebSocket), so it
 * runs in Node and in the browser.
 */
export class Client {
  /** The app's config: components, dependencies (API names, inputs, outputs) and queue settings. */
  readonly config: AppConfig;
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #runs = new Map<string, JobRun>();
  /** Waiting jobs by group, so a group update touches only the jobs it concerns. */
  readonly #waiting = new Map<string, Set<JobRun>>();
  /** Jobs whose join is not yet acknowledged. */
  readonly #joining = new Set<JobRun>();
  readonly #options: ConnectOptions;
  /** The server's own input checks, run before sending so that a bad input fails at once. */
  readonly #checker: ValueChecker;
  readonly #byApiName: ReadonlyMap<string, AppConfig["dependencies"][number]>;
  readonly #appUrl: AppUrl;
  /** The login cookie, for the uploads Node makes with fetch (a browser sends its own). */
  readonly #cookie: string | undefined;
  #hello: Hello;
  #closed = false;
  /** Set while running jobs wait for a dropped connection to come back. */
  #resumeTimer: ReturnType<typeof setTimeout> | null = null;

  /** Connects to the app at `url` (which may include a base path, e.g. `http://127.0.0.1:7860/hello/`). */
  static async connect(url: string, options: ConnectOptions = {}): Promise<Client> {
    const appUrl = parseAppUrl(url);
    const auth: { sessionId?: string; ticks?: boolean } = {
      ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
      ...(options.onTick ? { ticks: true } : {}),
    };
    const cookie = options.auth ? await withTimeout(logIn(appUrl, options.auth), options.timeoutMs ?? 10_000, url) : undefined;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(appUrl.origin, {
      path: appUrl.socketPath,
      transports: ["websocket"],
      // A function, so that each reconnect presents the session id the server assigned last.
      auth: (cb) => cb({ ...auth }),
      // Node's WebSocket carries the login cookie only if told to; a browser sends its own.
      ...(cookie === undefined ? {} : { extraHeaders: { cookie } }),
    });
    try {
      const [hello, config] = await withTimeout(Promise.all([firstHello(socket, url), fetchConfig(appUrl, cookie)]), options.timeoutMs ?? 10_000, url);
      return new Client(socket, config, hello, auth, options, appUrl, cookie);
    } catch (error) {
      socket.disconnect();
      throw error;
    }
  }

  private constructor(
    socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    config: AppConfig,
    hello: Hello,
    auth: { sessionId?: string },
    options: ConnectOptions,
    appUrl: AppUrl,
    cookie: string | undefined,
  ) {
    this.#socket = socket;
    this.#appUrl = appUrl;
    this.#cookie = cookie;
    this.config = config;
    this.#hello = hello;
    this.#options = options;
    this.#checker = createValueChecker(config, config.limits ? { maxImageChars: config.limits.maxPayloadBytes } : {});
    this.#byApiName = new Map(config.dependencies.map((d) => [d.apiName, d]));
    // WebSocket close code 1009: the server dropped the connection over a message past its hard size cap.
    socket.on("disconnect", (_reason, details) => {
      if ((details as { context?: { code?: unknown } } | undefined)?.context?.code !== 1009) return;
      const runs = [...this.#joining];
      this.#joining.clear();
      for (const run of runs) run.fail({ code: "too_large", message: "The server closed the connection: a message was larger than it accepts." });
    });
    auth.sessionId = hello.sessionId;
    socket.on("hello", (next) => {
      const sameServer = next.instanceId === this.#hello.instanceId;
      this.#hello = next;
      auth.sessionId = next.sessionId;
      if (this.#resumeTimer === null) return;
      clearTimeout(this.#resumeTimer);
      this.#resumeTimer = null;
      if (!next.resumed || !sameServer) this.#failAll({ code: "disconnected", message: "The connection to the server was lost, and the server no longer knows this session." });
    });
    socket.on("m", (frame) => this.#onFrame(frame));
    socket.on("connect_error", () => {
      // The server refused or is not listening: a restarted or stopped server has no session to resume.
      if (this.#resumeTimer !== null) this.#failAll({ code: "disconnected", message: "The connection to the server was lost." });
    });
    socket.on("disconnect", (reason) => {
      const lost: ErrorPayload = { code: "disconnected", message: this.#closed ? "The client was closed." : "The connection to the server was lost." };
      // Closed on purpose by either side: nothing comes back.
      if (this.#closed || reason === "io server disconnect" || reason === "io client disconnect") {
        this.#failAll(lost);
        return;
      }
      // The server keeps the session's jobs for a reconnect: running ones report there, waiting ones keep their
      // place (for the server's grace period) and are told where they stand. Joins in flight are lost.
      this.#failWhere(() => false, lost);
      if (this.#runs.size > 0 && this.#resumeTimer === null) {
        this.#resumeTimer = setTimeout(() => {
          this.#resumeTimer = null;
          this.#failAll(lost);
        }, options.resumeTimeoutMs ?? 30_000);
      }
    });
  }

  /** The session id; pass it to `connect` to resume this session (within the server's session TTL). */
  get sessionId(): string {
    return this.#hello.sessionId;
  }

  /** Whether the server resumed an existing session at the last (re)connection. */
  get resumed(): boolean {
    return this.#hello.resumed;
  }

  /** Changes when the server restarts. */
  get instanceId(): string {
    return this.#hello.instanceId;
  }

  /** Runs a listener and resolves with its outputs (always an array); rejects with a `JobError`. */
  predict(apiName: string, inputs: readonly unknown[]): Promise<unknown[]> {
    return this.submit(apiName, inputs).result();
  }

  /**
   * Submits a job and returns it at once; follow it with `for await (const event of job)`. Files marked with
   * `handleFile` anywhere in `inputs` are uploaded first (`POST <base>upload`), then the job is sent with their
   * file values in their place; cancelling meanwhile stops the upload and sends nothing.
   */
  submit(apiName: string, inputs: readonly unknown[], options: SubmitOptions = {}): Job {
    const run = new JobRun();
    let jobId: string | null = null;
    let cancelRequested = false;
    const uploads = new AbortController();
    let resolveJoined!: (id: string | null) => void;
    const joined = new Promise<string | null>((resolve) => (resolveJoined = resolve));
    const job = new Job(apiName, run.log, {
      joined,
      cancel: async () => {
        if (run.ended) return;
        if (jobId === null) {
          cancelRequested = true;
          uploads.abort();
        } else {
          await this.#cancel(jobId);
        }
      },
    });

    const onJoined = (id: string | null): void => {
      jobId = id;
      resolveJoined(id);
      if (id !== null && cancelRequested) void this.#cancel(id);
    };
    const files = filesIn(inputs);
    // Without files, or without a connection (the join then fails at once), nothing is uploaded.
    if (files.length === 0 || this.#closed || !this.#socket.connected) {
      this.#join(run, apiName, inputs, options, onJoined);
      return job;
    }
    uploadFiles(this.#appUrl, files, { cookie: this.#cookie, maxFileBytes: this.config.limits?.maxFileBytes, signal: uploads.signal }).then(
      (values) => {
        if (cancelRequested) {
          run.fail({ code: "cancelled", message: "Cancelled while its files were uploading; the job was never sent." });
          resolveJoined(null);
          return;
        }
        const uploaded = new Map(files.map((file, i) => [file, values[i]!]));
        this.#join(run, apiName, withUploaded(inputs, uploaded) as unknown[], options, onJoined);
      },
      (error: unknown) => {
        run.fail(
          cancelRequested
            ? { code: "cancelled", message: "Cancelled while its files were uploading; the job was never sent." }
            : error instanceof UploadError
              ? error.payload
              : { code: "internal", message: `Could not upload the job's files: ${error instanceof Error ? error.message : String(error)}` },
        );
        resolveJoined(null);
      },
    );
    return job;
  }

  /** Checks and sends a join for `run`; `joined` hears the job id, or null if it was refused. */
  #join(run: JobRun, apiName: string, inputs: readonly unknown[], options: SubmitOptions, resolveJoined: (id: string | null) => void): void {
    if (this.#closed || !this.#socket.connected) {
      run.fail({ code: "disconnected", message: this.#closed ? "The client was closed." : "Not connected to the server." });
      resolveJoined(null);
      return;
    }
    const refused = this.#precheck(apiName, inputs, options);
    if (refused) {
      run.fail(refused);
      resolveJoined(null);
      return;
    }
    this.#joining.add(run);
    const request = { apiName, data: [...inputs], ...(options.eventData === undefined ? {} : { eventData: options.eventData }) };
    this.#socket.timeout(ACK_TIMEOUT_MS).emit("join", request, (err, reply) => {
      this.#joining.delete(run);
      if (err || run.ended) {
        run.fail({ code: "disconnected", message: "The server did not accept the job: the connection was lost." });
        resolveJoined(null);
      } else if (reply.ok) {
        // Registered synchronously in the acknowledgement: the job's messages follow it on the same connection.
        this.#runs.set(reply.jobId, run);
        resolveJoined(reply.jobId);
      } else {
        run.fail(reply.error);
        resolveJoined(null);
      }
      // The connection's messages that were ready when the join was answered (this job's and others').
      if (!err && reply.ok && reply.frame) this.#onFrame(reply.frame);
    });
  }

  /** Closes the connection; unfinished jobs end with a `disconnected` error. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#resumeTimer !== null) clearTimeout(this.#resumeTimer);
    this.#resumeTimer = null;
    this.#socket.disconnect();
  }

  async #cancel(jobId: string): Promise<void> {
    if (!this.#socket.connected) return;
    // The job ends through the server's `cancelled` error; a refusal means it had already ended.
    await this.#socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck("cancel", { jobId })
      .catch(() => undefined);
  }

  #onFrame(frame: unknown): void {
    if (!Array.isArray(frame)) return;
    for (const message of frame as ServerMessage[]) {
      if (message.type === "group") {
        for (const run of this.#waiting.get(message.groupId) ?? []) run.applyGroup(message);
        continue;
      }
      if (message.type === "tick") {
        this.#options.onTick?.(message.componentId);
        continue;
      }
      const run = this.#runs.get(message.jobId);
      if (!run) continue;
      const before = run.waitingIn;
      run.handle(message);
      this.#track(run, before);
      if (run.ended) this.#runs.delete(message.jobId);
    }
  }

  /** Keeps `#waiting` in step with the group a job waits in. */
  #track(run: JobRun, before: string | null): void {
    const after = run.waitingIn;
    if (before === after) return;
    if (before !== null) {
      const set = this.#waiting.get(before);
      set?.delete(run);
      if (set?.size === 0) this.#waiting.delete(before);
    }
    if (after !== null) {
      let set = this.#waiting.get(after);
      if (!set) this.#waiting.set(after, (set = new Set()));
      set.add(run);
    }
  }

  /** The server's checks, done here first: a wrong input or an over-size message fails without a round trip. */
  #precheck(apiName: string, inputs: readonly unknown[], options: SubmitOptions): ErrorPayload | undefined {
    const dependency = this.#byApiName.get(apiName);
    // This session's choices may have been changed by handlers; the server checks those.
    const problem = dependency ? this.#checker.inputs(dependency, inputs, () => null) : undefined;
    if (problem) return { code: "validation", message: problem };
    const limit = this.config.limits?.maxPayloadBytes;
    if (limit === undefined) return undefined;
    let size: number;
    try {
      size = new TextEncoder().encode(JSON.stringify({ apiName, data: inputs, ...options })).byteLength;
    } catch {
      return undefined;
    }
    return size > limit ? { code: "too_large", message: `The inputs take ${size} bytes; the server accepts at most ${limit} bytes per message.` } : undefined;
  }

  #failAll(error: ErrorPayload): void {
    if (this.#resumeTimer !== null) clearTimeout(this.#resumeTimer);
    this.#resumeTimer = null;
    this.#failWhere(() => true, error);
  }

  /** Fails the joining jobs and the joined ones that `which` picks. */
  #failWhere(which: (run: JobRun) => boolean, error: ErrorPayload): void {
    const runs = [...this.#joining];
    this.#joining.clear();
    for (const [jobId, run] of this.#runs) {
      if (!which(run)) continue;
      this.#runs.delete(jobId);
      runs.push(run);
    }
    for (const run of runs) {
      const before = run.waitingIn;
      run.fail(error);
      this.#track(run, before);
    }
  }

}

function firstHello(socket: Socket<ServerToClientEvents, ClientToServerEvents>, url: string): Promise<Hello> {
  return new Promise((resolve, reject) => {
    socket.once("hello", resolve);
    socket.once("connect_error", (error) => reject(new Error(`could not connect to ${url}: ${error.message}`)));
  });
}

async function fetchConfig(appUrl: AppUrl, cookie: string | undefined): Promise<AppConfig> {
  const response = await fetch(appUrl.configUrl, cookie === undefined ? {} : { headers: { cookie } });
  if (response.status === 401) throw new Error(`${appUrl.configUrl} needs a login: Client.connect(url, { auth: [username, password] })`);
  if (!response.ok) throw new Error(`GET ${appUrl.configUrl} answered ${response.status}`);
  return (await response.json()) as AppConfig;
}

function withTimeout<T>(promise: Promise<T>, ms: number, url: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`could not connect to ${url} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
