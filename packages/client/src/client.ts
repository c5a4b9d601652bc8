import type { AppConfig, ClientToServerEvents, ErrorPayload, Hello, ServerMessage, ServerToClientEvents } from "@blockwork/core";
import { io, type Socket } from "socket.io-client";
import { parseAppUrl, type AppUrl } from "./app-url.ts";
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
  #hello: Hello;
  #closed = false;

  /** Connects to the app at `url` (which may include a base path, e.g. `http://127.0.0.1:7860/hello/`). */
  static async connect(url: string, options: ConnectOptions = {}): Promise<Client> {
    const appUrl = parseAppUrl(url);
    const auth: { sessionId?: string } = options.sessionId === undefined ? {} : { sessionId: options.sessionId };
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(appUrl.origin, {
      path: appUrl.socketPath,
      transports: ["websocket"],
      // A function, so that each reconnect presents the session id the server assigned last.
      auth: (cb) => cb({ ...auth }),
    });
    try {
      const [hello, config] = await withTimeout(Promise.all([firstHello(socket, url), fetchConfig(appUrl)]), options.timeoutMs ?? 10_000, url);
      return new Client(socket, config, hello, auth);
    } catch (error) {
      socket.disconnect();
      throw error;
    }
  }

  private constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>, config: AppConfig, hello: Hello, auth: { sessionId?: string }) {
    this.#socket = socket;
    this.config = config;
    this.#hello = hello;
    auth.sessionId = hello.sessionId;
    socket.on("hello", (next) => {
      this.#hello = next;
      auth.sessionId = next.sessionId;
    });
    socket.on("m", (frame) => this.#onFrame(frame));
    socket.on("disconnect", () => {
      this.#failAll({ code: "disconnected", message: this.#closed ? "The client was closed." : "The connection to the server was lost." });
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

  /** Submits a job and returns it at once; follow it with `for await (const event of job)`. */
  submit(apiName: string, inputs: readonly unknown[]): Job {
    const run = new JobRun();
    let jobId: string | null = null;
    let cancelRequested = false;
    let resolveJoined!: (id: string | null) => void;
    const joined = new Promise<string | null>((resolve) => (resolveJoined = resolve));
    const job = new Job(apiName, run.log, {
      joined,
      cancel: async () => {
        if (run.ended) return;
        if (jobId === null) cancelRequested = true;
        else await this.#cancel(jobId);
      },
    });

    if (this.#closed || !this.#socket.connected) {
      run.fail({ code: "disconnected", message: this.#closed ? "The client was closed." : "Not connected to the server." });
      resolveJoined(null);
      return job;
    }
    this.#joining.add(run);
    this.#socket.timeout(ACK_TIMEOUT_MS).emit("join", { apiName, data: [...inputs] }, (err, reply) => {
      this.#joining.delete(run);
      if (err || run.ended) {
        run.fail({ code: "disconnected", message: "The server did not accept the job: the connection was lost." });
        resolveJoined(null);
      } else if (reply.ok) {
        // Registered synchronously in the acknowledgement: the job's messages follow it on the same connection.
        jobId = reply.jobId;
        this.#runs.set(jobId, run);
        resolveJoined(jobId);
        if (cancelRequested) void this.#cancel(jobId);
      } else {
        run.fail(reply.error);
        resolveJoined(null);
      }
    });
    return job;
  }

  /** Closes the connection; unfinished jobs end with a `disconnected` error. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
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

  #failAll(error: ErrorPayload): void {
    const runs = [...this.#runs.values(), ...this.#joining];
    this.#runs.clear();
    this.#waiting.clear();
    this.#joining.clear();
    for (const run of runs) run.fail(error);
  }
}

function firstHello(socket: Socket<ServerToClientEvents, ClientToServerEvents>, url: string): Promise<Hello> {
  return new Promise((resolve, reject) => {
    socket.once("hello", resolve);
    socket.once("connect_error", (error) => reject(new Error(`could not connect to ${url}: ${error.message}`)));
  });
}

async function fetchConfig(appUrl: AppUrl): Promise<AppConfig> {
  const response = await fetch(appUrl.configUrl);
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
