import type { AppConfig, ErrorPayload, GroupMessage, HandlerRequest, JobMessage, ValueChecker } from "@blockwork/core";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody } from "../http/read-json-body.ts";
import { sendJson } from "../http/static-files.ts";
import type { QueueRuntime } from "../queue/queue-runtime.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";
import type { MaybePromise } from "../queue/store/queue-store.ts";
import type { Session } from "../session/session.ts";
import { createJoinResolver, type ResolvedJoin } from "../transport/resolve-join.ts";
import type { JoinFiles } from "../transport/resolve-join-files.ts";
import { fromGradioFiles } from "./gradio-files.ts";

/** What a door checks joins against: the app's current version and, for file inputs, its file store. */
export interface DoorApp {
  readonly config: AppConfig;
  readonly checker: ValueChecker;
  readonly files?: JoinFiles;
}

/** The socket's edge checks of a join, for HTTP doors: rebuilt when the app reloads (`blockwork dev`). */
export class JoinChecks {
  readonly #app: () => DoorApp;
  #resolver: { readonly config: AppConfig; readonly resolve: ReturnType<typeof createJoinResolver> } | null = null;

  constructor(app: () => DoorApp) {
    this.#app = app;
  }

  /** Checks a call of `apiName` with a request body's `data` (and `event_data`, as Gradio's clients send it). */
  resolve(apiName: string, body: Readonly<Record<string, unknown>>): MaybePromise<ResolvedJoin> {
    const { config, checker, files } = this.#app();
    if (this.#resolver?.config !== config) this.#resolver = { config, resolve: createJoinResolver(config, checker, files) };
    const eventData = body.event_data ?? undefined;
    return this.#resolver.resolve({ apiName, data: body.data, ...(eventData === undefined ? {} : { eventData }) });
  }

  /**
   * As `resolve`, for Gradio's clients and REST: Gradio's `FileData` in `data` first becomes the file values the
   * store issued (see `fromGradioFiles`; `appUrl` is the app as the caller reached it), then the same checks run.
   */
  async resolveGradio(apiName: string, body: Readonly<Record<string, unknown>>, appUrl: string): Promise<ResolvedJoin> {
    const { config, files } = this.#app();
    const dependency = config.dependencies.find((d) => d.apiName === apiName);
    if (!files || !dependency) return this.resolve(apiName, body);
    const translated = await fromGradioFiles(config, dependency, body.data, files.store, appUrl);
    if (!translated.ok) return { ok: false, error: { code: "validation", message: translated.message } };
    return this.resolve(apiName, { ...body, data: translated.data });
  }
}

/** The request's JSON object, or undefined after answering what is wrong with it (400, or 413 past `limit`). */
export async function readJsonObject(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Record<string, unknown> | undefined> {
  let body: unknown;
  try {
    body = await readJsonBody(req, limit);
  } catch (error) {
    const tooLarge = error instanceof Error && /larger than/.test(error.message);
    const message = tooLarge ? `The request is larger than ${limit} bytes.` : "The body must be JSON.";
    sendJson(res, tooLarge ? 413 : 400, { detail: message, error: message });
    return undefined;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    sendJson(res, 400, { detail: "The body must be a JSON object.", error: "The body must be a JSON object." });
    return undefined;
  }
  return body as Record<string, unknown>;
}

/** Gradio's client shows 503 as "busy", 422 as a validation error, and any other status with its message. */
export function refusalStatus(error: ErrorPayload): number {
  switch (error.code) {
    case "queue_full":
    case "rate_limited":
    case "unavailable":
    case "server_stopping":
      return 503;
    case "validation":
    case "unknown_api":
    case "too_large":
      return 422;
    default:
      return 500;
  }
}

/** What handlers see of an HTTP caller as `ctx.request`: its address and headers. */
export function requestInfo(req: IncomingMessage): HandlerRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return Object.freeze({ ip: req.socket.remoteAddress ?? "", headers: Object.freeze(headers) });
}

/**
 * The sink of an HTTP door: every message of its connections goes to `deliver` (an HTTP caller has no rooms to
 * enter or leave), group updates to `moved`.
 */
export function doorSink(
  deliver: (connection: string | null, message: JobMessage) => void,
  moved: (update: GroupMessage) => void,
  superseded?: (connection: string) => void,
): RuntimeSink {
  return {
    send: (job, message) => deliver(job.owner, message),
    deliver,
    broadcast: moved,
    enteredQueue: () => {},
    leftQueue: () => {},
    ...(superseded ? { superseded } : {}),
  };
}

/** Calls `beat` every 15 s, as Gradio's streams do, so that proxies keep idle SSE connections open. */
export function heartbeat(beat: () => void): NodeJS.Timeout {
  const timer = setInterval(beat, 15_000);
  timer.unref();
  return timer;
}

/**
 * A caller whose whole call is one request (an MCP tool call, Gradio's `/run`): in a cluster its job may run on
 * another process (a worker), so this process becomes where its session's messages come, until the returned undo
 * is called as the request ends.
 */
export async function attachCaller(runtime: QueueRuntime, session: Session, owner: string): Promise<() => void> {
  if (!runtime.clustered) return () => {};
  await runtime.reattach(session.id, owner, session);
  return () => runtime.detach(owner, session.id);
}
