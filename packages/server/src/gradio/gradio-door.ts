import type { AppConfig, GroupMessage, JobMessage, ValueChecker } from "@blockwork/core";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http/static-files.ts";
import { handleUpload } from "../http/upload-route.ts";
import type { Logger } from "../logger.ts";
import type { QueueRuntime } from "../queue/queue-runtime.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";
import { isPromise } from "../queue/store/queue-store.ts";
import type { Session } from "../session/session.ts";
import type { Sessions } from "../session/sessions.ts";
import type { Door } from "../transport/sink-router.ts";
import type { ResolvedJoin } from "../transport/resolve-join.ts";
import { attachCaller, doorSink, heartbeat, JoinChecks, type DoorApp, readJsonObject, refusalStatus, requestInfo } from "./door-requests.ts";
import { gradioInfo, isCallable } from "./gradio-info.ts";
import { openApiDocument } from "./openapi.ts";
import { GradioJobView, type GradioMessage } from "./gradio-messages.ts";
import { openEventStream, type EventStream } from "./event-stream.ts";
import { appUrl } from "./app-url.ts";
import { fileValuesToGradio, toGradioFiles } from "./gradio-files.ts";

export interface GradioDoorOptions {
  readonly runtime: QueueRuntime;
  readonly sessions: Sessions;
  /** The app as served now (a new one after a `blockwork dev` reload). */
  readonly app: () => DoorApp;
  readonly maxPayloadBytes: number;
  readonly logger: Logger;
  /** How long a session with nothing pending and no open stream is kept for its next call. @default 60_000 */
  readonly idleMs?: number;
}

/** One Gradio client (`session_hash`): its Blockwork session, its jobs, and its one `queue/data` stream. */
interface ClientSession {
  readonly hash: string;
  readonly owner: string;
  readonly session: Session;
  readonly jobs: Map<string, GradioJobView>;
  /** Messages since the first join, for a stream that is not open yet (Gradio's client opens it after joining). */
  buffered: GradioMessage[];
  stream: EventStream | null;
  idle: NodeJS.Timeout | null;
  /** In a cluster, while its stream's arrival is under way: what it hears of its jobs is not complete yet. */
  arriving: boolean;
  /** The app's URL as this client reached it (for its files' absolute URLs). */
  url: string;
}

const PREFIX = "gradio:";
/** Messages kept for a client that has not opened its stream; past this, progress and partials are dropped. */
const MAX_BUFFERED = 1_000;

/**
 * The Gradio door: the `sse_v3` routes that Gradio's own clients call (`@gradio/client`, and Gradio's Python client
 * over the same wire), adapted onto the queue runtime like the socket transport: the same edge checks, limits and
 * queue. Unlike Gradio, a cancel removes a waiting job from the queue or aborts a running one, that job only, and
 * always ends with a terminal message.
 */
export class GradioDoor implements Door {
  readonly prefix = PREFIX;
  readonly sink: RuntimeSink;
  readonly #options: GradioDoorOptions;
  readonly #clients = new Map<string, ClientSession>();
  /** Connections that are not sessions' streams: an unqueued `/run` call waiting for its one answer. */
  readonly #runs = new Map<string, (message: JobMessage) => void>();
  readonly #joins: JoinChecks;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(options: GradioDoorOptions) {
    this.#options = options;
    this.#joins = new JoinChecks(options.app);
    this.sink = doorSink(
      (connection, message) => this.#deliver(connection, message),
      (update) => this.#moved(update),
      (connection) => this.#superseded(connection),
    );
    this.#heartbeat = heartbeat(() => {
      for (const client of this.#clients.values()) client.stream?.send({ msg: "heartbeat", event_id: null });
    });
  }

  /** Answers a request under `gradio_api/` (returns false for other routes). */
  async handle(route: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!route.startsWith("gradio_api/")) return false;
    const path = route.slice("gradio_api/".length);
    const method = req.method ?? "GET";
    const url = appUrl(req, route);
    if (path === "info" && method === "GET") {
      sendJson(res, 200, gradioInfo(this.#options.app().config));
    } else if (path === "openapi.json" && method === "GET") {
      sendJson(res, 200, openApiDocument(this.#options.app().config, "0.1.0"));
    } else if (path === "queues" && method === "GET") {
      sendJson(res, 200, await this.#queues());
    } else if (path === "upload" && method === "POST") {
      await this.#upload(req, res);
    } else if (path === "queue/join" && method === "POST") {
      await this.#join(req, res, url);
    } else if (path === "queue/data" && method === "GET") {
      await this.#openStream(req, res, url);
    } else if (path === "cancel" && method === "POST") {
      await this.#cancel(req, res);
    } else if (path === "reset" && method === "POST") {
      // Gradio's client calls it after a cancel; the cancel has done the work.
      sendJson(res, 200, { success: true });
    } else if (path.startsWith("run/") && method === "POST") {
      await this.#run(decodeURIComponent(path.slice("run/".length)), req, res, url);
    } else {
      sendJson(res, 404, { detail: `No such Gradio API route: ${method} /${route}` });
    }
    return true;
  }

  /**
   * `GET gradio_api/queues` (Blockwork's own): each public endpoint's queue now: its limit, waiting and running
   * jobs (the whole group's, across every process with Redis) and the expected wait of a new call.
   */
  async #queues(): Promise<Record<string, { group: string | null; limit: number | null; waiting: number; running: number; eta: number | null }>> {
    const { config } = this.#options.app();
    const stats = await this.#options.runtime.groupStats();
    const byGroup = new Map(stats.map((g) => [g.id, g]));
    const queues: Record<string, { group: string | null; limit: number | null; waiting: number; running: number; eta: number | null }> = {};
    for (const dependency of config.dependencies) {
      if (!isCallable(dependency) || dependency.apiVisibility !== "public") continue;
      const group = dependency.groupId === null ? undefined : byGroup.get(dependency.groupId);
      const waiting = group?.waiting ?? 0;
      const average = this.#options.runtime.listenerEstimate(dependency.id);
      // A new call waits for the jobs ahead of it to pass through the group's slots, then runs.
      const rounds = group?.limit ? Math.floor(waiting / group.limit) + 1 : 1;
      queues[`/${dependency.apiName}`] = {
        group: dependency.groupId,
        limit: group?.limit ?? null,
        waiting,
        running: group?.running ?? 0,
        eta: average === null ? null : Math.round((rounds * average) / 100) / 10,
      };
    }
    return queues;
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const client of this.#clients.values()) {
      if (client.idle) clearTimeout(client.idle);
      client.stream?.end();
      this.#options.sessions.disconnect(client.session);
    }
    this.#clients.clear();
  }

  /**
   * `POST gradio_api/upload` (Gradio's `upload_id` query is accepted and unused: it only feeds Gradio's progress
   * stream): Blockwork's own upload, with its limits, answered as Gradio does, the stored files' paths in order. The
   * origin and login checks ran before any door. An app without a file store (tests of the door alone) has no uploads.
   */
  async #upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const files = this.#options.app().files;
    if (!files) return sendJson(res, 404, { detail: "This app takes no uploads." });
    await handleUpload(req, res, { store: files.store, maxFileBytes: files.maxBytes, logger: this.#options.logger, answer: (values) => values.map((v) => v.path) });
  }

  async #join(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const body = await this.#body(req, res);
    if (body === undefined) return;
    const hash = body.session_hash;
    if (typeof hash !== "string" || hash === "" || hash.length > 128) return sendJson(res, 422, { detail: "session_hash must be a non-empty string" });
    const resolved = await this.#resolve(body, url);
    if (!resolved.ok) return sendJson(res, 422, { detail: resolved.error.message });
    const outputs = toGradioFiles(this.#options.app().config, resolved.dependency, url);
    const client = await this.#client(hash);
    if (client.idle) clearTimeout(client.idle);
    client.idle = null;
    // In a cluster the client's stream may be open on another process (a balancer with no stickiness): the job is
    // nobody's here, and its messages go wherever the session's stream is, or wait in Redis until one opens.
    const clustered = this.#options.runtime.clustered;
    const submitted = this.#options.runtime.submit({
      owner: clustered ? null : client.owner,
      session: client.session,
      dependencyId: resolved.dependency.id,
      data: resolved.data,
      request: requestInfo(req),
      ...(resolved.eventData === undefined ? {} : { eventData: resolved.eventData }),
      // Before the job's first message, so that its `estimation` finds it.
      accepted: (job) => (clustered ? undefined : client.jobs.set(job.id, new GradioJobView(job.id, outputs))),
    });
    const reply = isPromise(submitted) ? await submitted : submitted;
    if (!reply.ok) {
      this.#idleIfDone(client);
      return sendJson(res, refusalStatus(reply.error), { detail: reply.error.message, error: reply.error.message, code: reply.error.code });
    }
    // In a cluster the stream may open elsewhere: this process keeps the client only for a while.
    if (clustered) this.#idleIfDone(client);
    sendJson(res, 200, { event_id: reply.job.id });
  }

  async #openStream(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const hash = new URL(req.url ?? "/", "http://x").searchParams.get("session_hash") ?? "";
    const stream = openEventStream(res);
    const client = this.#clients.get(hash) ?? (this.#options.runtime.clustered && hash !== "" ? await this.#client(hash, false) : undefined);
    if (!client) {
      stream.send({ msg: "unexpected_error", event_id: null, message: "Session not found.", session_not_found: true, success: false });
      stream.send({ msg: "close_stream", event_id: null });
      stream.end();
      return;
    }
    // One stream per session, as Gradio's client keeps: a newer one takes over.
    client.url = url;
    client.stream?.end();
    client.stream = stream;
    if (client.idle) clearTimeout(client.idle);
    client.idle = null;
    for (const message of client.buffered) stream.send(message);
    client.buffered = [];
    const runtime = this.#options.runtime;
    res.on("close", () => {
      if (client.stream !== stream) return;
      client.stream = null;
      // In a cluster its messages wait in Redis from now on, for the stream it opens next, on any process.
      if (runtime.clustered) runtime.detach(client.owner, client.session.id);
      this.#idleIfDone(client);
    });
    if (runtime.clustered) {
      // The session's messages come here now, from wherever its jobs run; the jobs it has are known once it arrived.
      client.arriving = true;
      await runtime.reattach(client.session.id, client.owner, client.session);
      client.arriving = false;
      for (const job of runtime.sessionJobs(client.session.id)) if (!client.jobs.has(job.id)) client.jobs.set(job.id, this.#view(client, job.id, job.apiName));
    }
    this.#closeIfDone(client);
  }

  async #cancel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.#body(req, res);
    if (body === undefined) return;
    // The session is named after the hash, so a cancel sent to any process of a cluster reaches the job.
    if (typeof body.session_hash !== "string" || typeof body.event_id !== "string") return sendJson(res, 200, { success: false });
    const answer = this.#options.runtime.cancel(body.event_id, gradioSessionId(body.session_hash));
    const reply = isPromise(answer) ? await answer : answer;
    sendJson(res, 200, { success: reply.ok });
  }

  /** `/run/<api_name>`: Gradio's path for unqueued listeners; the answer is the job's result, or its error. */
  async #run(apiName: string, req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const body = await this.#body(req, res);
    if (body === undefined) return;
    const dependency = this.#options.app().config.dependencies.find((d) => d.apiName === apiName);
    if (!dependency) return sendJson(res, 404, { error: `No listener is named "${apiName}".` });
    const resolved = await this.#resolve({ ...body, fn_index: dependency.id }, url);
    if (!resolved.ok) return sendJson(res, 422, { error: resolved.error.message });
    const outputs = toGradioFiles(this.#options.app().config, resolved.dependency, url);
    const { session } = await this.#connect();
    const owner = `${PREFIX}run:${crypto.randomUUID()}`;
    const detach = await attachCaller(this.#options.runtime, session, owner);
    const done = new Promise<JobMessage>((resolve) => {
      this.#runs.set(owner, (message) => {
        if (message.type === "complete" || message.type === "error") resolve(message);
      });
    });
    try {
      const submitted = this.#options.runtime.submit({ owner, session, dependencyId: resolved.dependency.id, data: resolved.data, request: requestInfo(req) });
      const reply = isPromise(submitted) ? await submitted : submitted;
      if (!reply.ok) return sendJson(res, refusalStatus(reply.error), { error: reply.error.message });
      const end = await done;
      if (end.type === "complete") sendJson(res, 200, { data: outputs(end.data), is_generating: false, duration: null, average_duration: null });
      else if (end.type === "error") sendJson(res, 500, { error: end.error.message });
    } finally {
      this.#runs.delete(owner);
      detach();
      this.#options.sessions.disconnect(session);
    }
  }

  #deliver(connection: string | null, message: JobMessage): void {
    if (connection === null) return;
    const run = this.#runs.get(connection);
    if (run) return run(message);
    const client = this.#clients.get(connection.slice(PREFIX.length));
    if (!client) return;
    let view = client.jobs.get(message.jobId);
    if (!view && this.#options.runtime.clustered) {
      // A job joined through another process, or said something before this process knew it.
      view = this.#view(client, message.jobId);
      client.jobs.set(message.jobId, view);
    }
    if (!view) return;
    for (const out of view.translate(message)) this.#send(client, out);
    if (message.type === "complete" || message.type === "error") {
      client.jobs.delete(message.jobId);
      this.#closeIfDone(client);
    }
  }

  /**
   * The view of a job this process did not take the join of (a cluster): its outputs' files are translated by its
   * listener's outputs when the job is known here (`known`: its listener, when the caller has it), else by their shape
   * (a job that ended before the stream opened).
   */
  #view(client: ClientSession, jobId: string, known?: string): GradioJobView {
    const { config } = this.#options.app();
    const apiName = known ?? this.#options.runtime.sessionJobs(client.session.id).find((job) => job.id === jobId)?.apiName;
    const dependency = apiName === undefined ? undefined : config.dependencies.find((d) => d.apiName === apiName);
    return new GradioJobView(jobId, dependency ? toGradioFiles(config, dependency, client.url) : fileValuesToGradio(client.url));
  }

  /**
   * In a cluster, the client's stream opened on another process while one was open here: as within one process, the
   * newer stream takes over (its jobs are followed there), and this one ends.
   */
  #superseded(connection: string): void {
    const client = this.#clients.get(connection.slice(PREFIX.length));
    if (!client) return;
    client.jobs.clear();
    client.stream?.end();
    client.stream = null;
    this.#idleIfDone(client);
  }

  /** A group's queue moved: each job of a Gradio client waiting in it hears its new place, if it changed. */
  #moved(update: GroupMessage): void {
    for (const client of this.#clients.values()) {
      for (const view of client.jobs.values()) {
        const estimation = view.moved(update);
        if (estimation) this.#send(client, estimation);
      }
    }
  }

  #send(client: ClientSession, message: GradioMessage): void {
    if (client.stream) return client.stream.send(message);
    if (client.buffered.length >= MAX_BUFFERED) {
      // A client that never reads must not grow the server: what it loses first is what the last value supersedes.
      const droppable = client.buffered.findIndex((m) => m.msg === "progress" || m.msg === "process_generating" || m.msg === "estimation");
      if (droppable < 0) return;
      client.buffered.splice(droppable, 1);
    }
    client.buffered.push(message);
  }

  /** Gradio's client reopens its stream at its next join: the stream ends once nothing is pending. */
  #closeIfDone(client: ClientSession): void {
    if (client.jobs.size > 0 || !client.stream || client.arriving) return;
    client.stream.send({ msg: "close_stream", event_id: null });
    client.stream.end();
    client.stream = null;
    this.#idleIfDone(client);
  }

  #idleIfDone(client: ClientSession): void {
    if (client.jobs.size > 0 || client.stream || client.idle) return;
    client.idle = setTimeout(() => {
      if (client.jobs.size > 0 || client.stream) return;
      this.#clients.delete(client.hash);
      this.#options.sessions.disconnect(client.session);
    }, this.#options.idleMs ?? 60_000);
    client.idle.unref();
  }

  /** The client of `hash`, with its session (known anywhere in a cluster, or new unless `create` is false). */
  async #client(hash: string): Promise<ClientSession>;
  async #client(hash: string, create: false): Promise<ClientSession | undefined>;
  async #client(hash: string, create = true): Promise<ClientSession | undefined> {
    const known = this.#clients.get(hash);
    if (known) return known;
    const id = gradioSessionId(hash);
    const connecting = this.#options.sessions.connect(id, create ? id : undefined);
    const { session, resumed } = isPromise(connecting) ? await connecting : connecting;
    if (!create && !resumed) {
      this.#options.sessions.disconnect(session);
      return undefined;
    }
    // Another join of the same new session may have got here first while the session store answered.
    const raced = this.#clients.get(hash);
    if (raced) {
      this.#options.sessions.disconnect(session);
      return raced;
    }
    const client: ClientSession = { hash, owner: `${PREFIX}${hash}`, session, jobs: new Map(), buffered: [], stream: null, idle: null, arriving: false, url: "" };
    this.#clients.set(hash, client);
    return client;
  }

  async #connect(): Promise<{ session: Session }> {
    const connecting = this.#options.sessions.connect(undefined);
    return isPromise(connecting) ? await connecting : connecting;
  }

  #resolve(body: Record<string, unknown>, url: string): Promise<ResolvedJoin> | ResolvedJoin {
    const { config } = this.#options.app();
    const dependency = typeof body.fn_index === "number" ? config.dependencies.find((d) => d.id === body.fn_index) : undefined;
    if (!dependency) return { ok: false, error: { code: "unknown_api", message: `No listener has fn_index ${String(body.fn_index)}.` } };
    return this.#joins.resolveGradio(dependency.apiName, body, url);
  }

  #body(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | undefined> {
    return readJsonObject(req, res, this.#options.maxPayloadBytes);
  }
}

/**
 * A Gradio client's Blockwork session, named after the `session_hash` it sends with every request, so that each
 * process of a cluster finds it. Knowing the hash already lets one read the client's stream, so the name gives away
 * nothing more; hashed so that it can't be mistaken for (or chosen as) a socket client's session id.
 */
export function gradioSessionId(hash: string): string {
  return `gradio-${createHash("sha256").update(hash).digest("base64url")}`;
}
