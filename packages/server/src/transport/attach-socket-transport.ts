import { checkCancelRequest, PROTOCOL_VERSION, type AppConfig, type ErrorPayload, type HandlerRequest, type ServerMessage, type ValueChecker } from "@blockwork/core";
import type { Logger } from "../logger.ts";
import type { QueueRuntime } from "../queue/queue-runtime.ts";
import type { TimerPacer } from "../queue/timer-pacer.ts";
import type { SessionStore } from "../session/session-store.ts";
import { checkAdmission, type AdmissionLimits } from "./admission.ts";
import { TOO_LARGE_EVENT } from "./payload-guard.ts";
import { createJoinResolver } from "./resolve-join.ts";
import type { SocketSink } from "./socket-sink.ts";
import type { IoServer, IoSocket } from "./socket-types.ts";

export interface SocketTransportOptions {
  readonly config: AppConfig;
  readonly runtime: QueueRuntime;
  readonly sessions: SessionStore;
  readonly sink: SocketSink;
  readonly instanceId: string;
  readonly logger: Logger;
  /** Paces Timer ticks for connections that ask for them (`auth.ticks`). */
  readonly timers?: TimerPacer;
  /** Input checks, with the host's value limits. @default checks with core's default limits */
  readonly checker?: ValueChecker;
  /** @default no caps */
  readonly admission?: AdmissionLimits;
  /** The largest message accepted, for the `too_large` answer. */
  readonly maxPayloadBytes?: number;
}

const MAX_SESSION_ID = 64;

type Ack = (answer: unknown) => void;

/**
 * The client → server half of the transport: the handshake (`hello`, session resume), `join` and `cancel`
 * validated at the edge, and disconnects. Nothing a client sends can throw out of a socket handler.
 */
export function attachSocketTransport(io: IoServer, options: SocketTransportOptions): void {
  const { runtime, sessions, sink, logger } = options;
  const resolveJoin = createJoinResolver(options.config, options.checker);
  const admission = options.admission ?? { maxJobsPerSession: null, maxJobsPerIp: null };
  options.sink.bind(io);

  io.on("connection", (socket: IoSocket) => {
    const auth: unknown = socket.handshake.auth;
    const requested = typeof auth === "object" && auth !== null ? (auth as { sessionId?: unknown }).sessionId : undefined;
    const { session, resumed } = sessions.connect(typeof requested === "string" && requested.length <= MAX_SESSION_ID ? requested : undefined);
    const username = (socket.data as { username?: string } | undefined)?.username;
    if (username !== undefined) session.username = username;
    socket.emit("hello", { protocolVersion: PROTOCOL_VERSION, sessionId: session.id, instanceId: options.instanceId, resumed });
    // Jobs that were running when the session's previous connection dropped report here from now on.
    if (resumed) runtime.reattach(session.id, socket.id);
    const wantsTicks = typeof auth === "object" && auth !== null && (auth as { ticks?: unknown }).ticks === true;
    if (wantsTicks) options.timers?.attach(session.id, socket.id);
    const origin = requestInfo(socket);

    socket.on("join", (...args: unknown[]) => {
      const { request, ack, problem } = splitArgs("join", args);
      // Without an acknowledgement the client could never learn the job's id, so the job is not queued.
      if (!ack) return;
      reply(ack, logger, () => {
        if (problem) return { ok: false, error: { code: "validation", message: problem } };
        const resolved = resolveJoin(request, (componentId) => session.choices?.get(componentId));
        if (!resolved.ok) return resolved;
        const refused = checkAdmission(sink.waiting, admission, session.id, origin.ip);
        if (refused) return { ok: false, error: refused };
        const submitted = runtime.submit({
          owner: socket.id,
          session,
          dependencyId: resolved.dependency.id,
          data: resolved.data,
          request: origin,
          ...(resolved.eventData === undefined ? {} : { eventData: resolved.eventData }),
        });
        return submitted.ok ? { ok: true, jobId: submitted.job.id } : submitted;
      }, (send) => sink.reply(socket.id, send));
    });

    // What an over-size message became (see `guardPayloadSize`): answered, never queued.
    socket.on(TOO_LARGE_EVENT as "join", (size: unknown, ack: unknown) => {
      if (typeof ack !== "function") return;
      const bytes = typeof size === "number" ? `${size} bytes` : "too large";
      const limit = options.maxPayloadBytes === undefined ? "" : `; this server accepts at most ${options.maxPayloadBytes} bytes per message`;
      reply(ack as Ack, logger, () => ({ ok: false, error: { code: "too_large", message: `The message was ${bytes}${limit}.` } }));
    });

    socket.on("cancel", (...args: unknown[]) => {
      const { request, ack, problem } = splitArgs("cancel", args);
      reply(ack ?? (() => {}), logger, () => {
        if (problem) return { ok: false, error: { code: "validation", message: problem } };
        const checked = checkCancelRequest(request);
        if (!checked.ok) return { ok: false, error: { code: "validation", message: checked.message } };
        return runtime.cancel(checked.value.jobId, session.id);
      });
    });

    socket.on("disconnect", () => {
      runtime.detach(socket.id);
      if (wantsTicks) options.timers?.detach(session.id, socket.id);
      sink.forget(socket.id);
      sessions.disconnect(session);
    });
  });
}

/** What handlers see of the connection as `ctx.request`: its address and handshake headers. */
function requestInfo(socket: IoSocket): HandlerRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(socket.handshake.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return Object.freeze({ ip: socket.handshake.address, headers: Object.freeze(headers) });
}

/**
 * Socket.IO passes the acknowledgement, if any, as the last argument; the protocol's messages carry exactly one
 * request before it. Other shapes are still answered (when they have an acknowledgement), with what is wrong.
 */
function splitArgs(event: string, args: readonly unknown[]): { request: unknown; ack: Ack | undefined; problem?: string } {
  const last = args[args.length - 1];
  const ack = typeof last === "function" ? (last as Ack) : undefined;
  const values = ack ? args.slice(0, -1) : args;
  if (values.length !== 1) return { request: undefined, ack, problem: `${event} takes one request object; got ${values.length} arguments` };
  return { request: values[0], ack };
}

type Answer = { ok: true; jobId?: string } | { ok: false; error: ErrorPayload };

/**
 * Computes a reply and acknowledges with it; an unexpected error becomes an `internal` error reply. With `hold`,
 * an accepted answer waits for the connection's flush and carries its frame (a refusal goes at once).
 */
function reply(ack: Ack, logger: Logger, compute: () => Answer, hold?: (send: (frame: ServerMessage[] | undefined) => void) => void): void {
  let answer: Answer;
  try {
    answer = compute();
  } catch (error) {
    logger.error("unexpected error while handling a client message", error);
    answer = { ok: false, error: { code: "internal", message: "An internal error occurred." } };
  }
  const send = (value: unknown): void => {
    try {
      ack(value);
    } catch (error) {
      logger.error("acknowledgement failed", error);
    }
  };
  if (hold && answer.ok) {
    const accepted = answer;
    hold((frame) => send(frame ? { ...accepted, frame } : accepted));
  } else {
    send(answer);
  }
}
