import { QueuePosition, type AppConfig, type GroupMessage, type JobMessage, type PositionSnapshot, type ValueChecker } from "@blockwork/core";
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http/static-files.ts";
import type { QueueRuntime } from "../queue/queue-runtime.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";
import { isPromise } from "../queue/store/queue-store.ts";
import type { Session } from "../session/session.ts";
import type { Sessions } from "../session/sessions.ts";
import type { Door } from "../transport/sink-router.ts";
import { doorSink, heartbeat, JoinChecks, type DoorApp, readJsonObject, refusalStatus, requestInfo } from "./door-requests.ts";
import { openEventStream, type EventStream } from "./event-stream.ts";
import { appUrl } from "./app-url.ts";
import { toGradioFiles } from "./gradio-files.ts";
import { isCallable } from "./gradio-info.ts";

export interface RestDoorOptions {
  readonly runtime: QueueRuntime;
  readonly sessions: Sessions;
  readonly app: () => DoorApp;
  readonly maxPayloadBytes: number;
  /** How long a call's events are kept for a caller that has not fetched them. @default 60_000 */
  readonly keepMs?: number;
}

/** One REST call: its job's events, kept until its caller reads them on its stream. */
interface Call {
  readonly owner: string;
  readonly eventId: string;
  readonly session: Session;
  /** Its outputs in Gradio's shapes: file values as FileData with absolute URLs. */
  readonly outputs: (data: readonly unknown[]) => readonly unknown[];
  position: QueuePosition | null;
  shown: PositionSnapshot | null;
  events: { readonly event: string; readonly data: unknown }[];
  stream: EventStream | null;
  done: boolean;
  expiry: NodeJS.Timeout | null;
}

const PREFIX = "rest:";

/**
 * REST in Gradio's `/call` shape, so that a curl script written for Gradio works unchanged:
 * `POST <base>gradio_api/call/<apiName>` with `{"data": [...]}` answers `{"event_id"}`, and
 * `GET <base>gradio_api/call/<apiName>/<event_id>` streams the job's events (`generating`, `complete`, `error`,
 * `heartbeat`) plus what Gradio's stream lacks: `queued` (position, queue size, ETA) and `progress`. Each call is a
 * session of its own; it waits in the same queue, under the same checks and caps, as every other door's calls.
 */
export class RestDoor implements Door {
  readonly prefix = PREFIX;
  readonly sink: RuntimeSink;
  readonly #options: RestDoorOptions;
  readonly #joins: JoinChecks;
  readonly #byOwner = new Map<string, Call>();
  readonly #byEvent = new Map<string, Call>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor(options: RestDoorOptions) {
    this.#options = options;
    this.#joins = new JoinChecks(options.app);
    this.sink = doorSink(
      (connection, message) => this.#deliver(connection, message),
      (update) => this.#moved(update),
      (connection) => this.#superseded(connection),
    );
    this.#heartbeat = heartbeat(() => {
      for (const call of this.#byOwner.values()) call.stream?.send(null, "heartbeat");
    });
  }

  /** Answers `gradio_api/call/…` (returns false for other routes). */
  async handle(route: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const match = /^gradio_api\/call\/([^/]+)(?:\/([^/]+))?$/.exec(route);
    if (!match) return false;
    const apiName = decodeURIComponent(match[1]!);
    const eventId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    if (eventId === undefined && req.method === "POST") await this.#start(apiName, req, res, appUrl(req, route));
    else if (eventId !== undefined && req.method === "GET") await this.#stream(apiName, eventId, res, appUrl(req, route));
    else sendJson(res, 405, { error: `Use POST /gradio_api/call/${apiName}, then GET /gradio_api/call/${apiName}/<event_id>.` });
    return true;
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const call of [...this.#byOwner.values()]) this.#forget(call);
  }

  async #start(apiName: string, req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const body = await readJsonObject(req, res, this.#options.maxPayloadBytes);
    if (body === undefined) return;
    const dependency = this.#options.app().config.dependencies.find((d) => d.apiName === apiName);
    if (!dependency || !isCallable(dependency)) return sendJson(res, 404, { error: `No listener is named "${apiName}".` });
    const resolved = await this.#joins.resolveGradio(apiName, body, url);
    if (!resolved.ok) return sendJson(res, refusalStatus(resolved.error), { error: resolved.error.message, code: resolved.error.code });
    const eventId = randomUUID().replaceAll("-", "");
    const sessionId = restSessionId(apiName, eventId);
    const connecting = this.#options.sessions.connect(sessionId, sessionId);
    const { session } = isPromise(connecting) ? await connecting : connecting;
    // In a cluster the caller's stream may open on another process (a balancer with no stickiness): the job is
    // nobody's here, and its events wait in Redis for the stream, wherever it opens.
    const clustered = this.#options.runtime.clustered;
    const call = clustered ? null : this.#open(eventId, session, toGradioFiles(this.#options.app().config, resolved.dependency, url));
    const submitted = this.#options.runtime.submit({
      owner: call?.owner ?? null,
      session,
      dependencyId: resolved.dependency.id,
      data: resolved.data,
      request: requestInfo(req),
    });
    const reply = isPromise(submitted) ? await submitted : submitted;
    if (!reply.ok || !call) this.#options.sessions.disconnect(session);
    if (!reply.ok) {
      if (call) this.#forget(call);
      return sendJson(res, refusalStatus(reply.error), { error: reply.error.message, code: reply.error.code });
    }
    if (call) this.#keep(call);
    sendJson(res, 200, { event_id: eventId });
  }

  #open(eventId: string, session: Session, outputs: Call["outputs"]): Call {
    const call: Call = { owner: `${PREFIX}${randomUUID()}`, eventId, session, outputs, position: null, shown: null, events: [], stream: null, done: false, expiry: null };
    this.#byOwner.set(call.owner, call);
    this.#byEvent.set(eventId, call);
    return call;
  }

  async #stream(apiName: string, eventId: string, res: ServerResponse, url: string): Promise<void> {
    const call = this.#byEvent.get(eventId) ?? (await this.#resumeCall(apiName, eventId, url));
    if (!call || call.session.id !== restSessionId(apiName, eventId) || call.stream) return sendJson(res, 404, { error: `No call ${eventId} of ${apiName} is waiting to be read.` });
    if (call.expiry) clearTimeout(call.expiry);
    call.expiry = null;
    call.stream = openEventStream(res);
    for (const { event, data } of call.events) call.stream.send(data, event);
    call.events = [];
    res.on("close", () => {
      // A caller that hangs up before the end cancels nothing: its job runs on, as a Gradio caller's does.
      if (call.stream && !call.done) {
        call.stream = null;
        this.#keep(call);
      }
    });
    if (call.done) return this.#forget(call);
    const runtime = this.#options.runtime;
    // In a cluster, the call's events come here from now on, from wherever its job runs (what it said before waits in
    // Redis and comes first).
    if (runtime.clustered) await runtime.reattach(call.session.id, call.owner, call.session);
  }

  /** In a cluster, a call made through another process (or this one), found by the session named after it. */
  async #resumeCall(apiName: string, eventId: string, url: string): Promise<Call | undefined> {
    const { config } = this.#options.app();
    const dependency = config.dependencies.find((d) => d.apiName === apiName);
    if (!this.#options.runtime.clustered || !dependency || !/^[0-9a-f]{32}$/.test(eventId)) return undefined;
    const connecting = this.#options.sessions.connect(restSessionId(apiName, eventId));
    const { session, resumed } = isPromise(connecting) ? await connecting : connecting;
    if (resumed && !this.#byEvent.has(eventId)) return this.#open(eventId, session, toGradioFiles(config, dependency, url));
    this.#options.sessions.disconnect(session);
    return this.#byEvent.get(eventId);
  }

  #deliver(connection: string | null, message: JobMessage): void {
    const call = connection === null ? undefined : this.#byOwner.get(connection);
    if (!call) return;
    switch (message.type) {
      case "queued":
        call.position = new QueuePosition(message);
        this.#queued(call);
        break;
      case "started":
        call.position = null;
        break;
      case "progress":
        this.#emit(call, "progress", { progress: message.fraction, index: message.done ?? null, length: message.total ?? null, desc: message.desc ?? null });
        break;
      case "partial":
        this.#emit(call, "generating", call.outputs(message.data));
        break;
      case "alert":
        this.#emit(call, "log", { level: message.level, log: message.message });
        break;
      case "complete":
      case "error":
        call.done = true;
        if (message.type === "complete") this.#emit(call, "complete", call.outputs(message.data));
        else this.#emit(call, "error", message.error.message);
        if (call.stream) this.#forget(call);
        break;
    }
  }

  /** In a cluster, another request reads this call now (on another process): this one hears that, and ends. */
  #superseded(connection: string): void {
    const call = this.#byOwner.get(connection);
    if (!call) return;
    call.stream?.send("This call is being read by another request.", "error");
    this.#forget(call);
  }

  #moved(update: GroupMessage): void {
    for (const call of this.#byOwner.values()) if (call.position?.apply(update)) this.#queued(call);
  }

  #queued(call: Call): void {
    const now = call.position!.snapshot();
    if (call.shown?.rank === now.rank && call.shown.size === now.size) return;
    call.shown = now;
    this.#emit(call, "queued", { position: now.rank, queue_size: now.size, eta: now.etaMs === null ? null : now.etaMs / 1000 });
  }

  #emit(call: Call, event: string, data: unknown): void {
    if (call.stream) call.stream.send(data, event);
    else call.events.push({ event, data });
  }

  /** A call nobody reads is dropped after `keepMs` (its job, if still running, runs on and reports to nobody). */
  #keep(call: Call): void {
    if (call.expiry) clearTimeout(call.expiry);
    call.expiry = setTimeout(() => this.#forget(call), this.#options.keepMs ?? 60_000);
    call.expiry.unref();
  }

  #forget(call: Call): void {
    if (call.expiry) clearTimeout(call.expiry);
    call.stream?.end();
    call.stream = null;
    this.#byOwner.delete(call.owner);
    this.#byEvent.delete(call.eventId);
    this.#options.sessions.disconnect(call.session);
    // Its stream is no longer here: in a cluster, the session is away (a call forgotten unread keeps its presence,
    // so that its job, waiting or not, runs on as Gradio's does).
    if (call.done && this.#options.runtime.clustered) this.#options.runtime.detach(call.owner, call.session.id);
  }
}

/**
 * A REST call's session, named after its listener and event id, so that its stream finds it on any process of a
 * cluster, and only under the listener it was made to. The event id is unguessable: knowing it is what lets one
 * read the call's events.
 */
function restSessionId(apiName: string, eventId: string): string {
  return `rest-${createHash("sha256").update(`${apiName}\n${eventId}`).digest("base64url")}`;
}
