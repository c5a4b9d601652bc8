import { QueuePosition, type AppConfig, type GroupMessage, type JobMessage, type PositionSnapshot, type ValueChecker } from "@blockwork/core";
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
  readonly apiName: string;
  readonly session: Session;
  /** Its outputs in Gradio's shapes: file values as FileData with absolute URLs. */
  readonly outputs: (data: readonly unknown[]) => readonly unknown[];
  jobId: string | null;
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
  readonly #byJob = new Map<string, Call>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor(options: RestDoorOptions) {
    this.#options = options;
    this.#joins = new JoinChecks(options.app);
    this.sink = doorSink(
      (connection, message) => this.#deliver(connection, message),
      (update) => this.#moved(update),
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
    else if (eventId !== undefined && req.method === "GET") this.#stream(apiName, eventId, res);
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
    const connecting = this.#options.sessions.connect(undefined);
    const { session } = isPromise(connecting) ? await connecting : connecting;
    const outputs = toGradioFiles(this.#options.app().config, resolved.dependency, url);
    const call: Call = { owner: `${PREFIX}${crypto.randomUUID()}`, apiName, session, outputs, jobId: null, position: null, shown: null, events: [], stream: null, done: false, expiry: null };
    this.#byOwner.set(call.owner, call);
    const submitted = this.#options.runtime.submit({
      owner: call.owner,
      session,
      dependencyId: resolved.dependency.id,
      data: resolved.data,
      request: requestInfo(req),
      accepted: (job) => {
        call.jobId = job.id;
        this.#byJob.set(job.id, call);
      },
    });
    const reply = isPromise(submitted) ? await submitted : submitted;
    if (!reply.ok) {
      this.#forget(call);
      return sendJson(res, refusalStatus(reply.error), { error: reply.error.message, code: reply.error.code });
    }
    this.#keep(call);
    sendJson(res, 200, { event_id: reply.job.id });
  }

  #stream(apiName: string, eventId: string, res: ServerResponse): void {
    const call = this.#byJob.get(eventId);
    if (!call || call.apiName !== apiName || call.stream) return sendJson(res, 404, { error: `No call ${eventId} of ${apiName} is waiting to be read.` });
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
    if (call.done) this.#forget(call);
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
    if (call.jobId !== null) this.#byJob.delete(call.jobId);
    this.#options.sessions.disconnect(call.session);
  }
}
