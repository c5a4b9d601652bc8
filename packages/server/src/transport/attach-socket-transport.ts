import { checkCancelRequest, PROTOCOL_VERSION, type AppConfig, type AppNotice, type CancelReply, type HandlerRequest, type JoinReply, type ServerMessage, type ValueChecker } from "@blockwork/core";
import type { Logger } from "../logger.ts";
import type { QueueRuntime } from "../queue/queue-runtime.ts";
import type { TimerPacer } from "../queue/timer-pacer.ts";
import type { Session } from "../session/session.ts";
import type { Sessions } from "../session/sessions.ts";
import { isPromise, type MaybePromise } from "../queue/store/queue-store.ts";
import { TOO_LARGE_EVENT } from "./payload-guard.ts";
import { createJoinResolver, type ResolvedJoin } from "./resolve-join.ts";
import type { JoinFiles } from "./resolve-join-files.ts";
import type { SocketSink } from "./socket-sink.ts";
import type { IoServer, IoSocket } from "./socket-types.ts";

export interface SocketTransportOptions {
  readonly config: AppConfig;
  readonly runtime: QueueRuntime;
  readonly sessions: Sessions;
  readonly sink: SocketSink;
  readonly instanceId: string;
  readonly logger: Logger;
  /** Paces Timer ticks for connections that ask for them (`auth.ticks`). */
  readonly timers?: TimerPacer;
  /** Input checks, with the host's value limits. @default checks with core's default limits */
  readonly checker?: ValueChecker;
  /** The largest message accepted, for the `too_large` answer. */
  readonly maxPayloadBytes?: number;
  /** Under `blockwork dev`: the app's version, told to each connection after its `hello`. */
  readonly appNotice?: () => AppNotice | null;
  /** The file store that file inputs must come from. @default no file checks (a file input is refused by shape only) */
  readonly files?: JoinFiles;
}

/** What the host may change on a running transport. */
export interface SocketTransport {
  /** The app was reloaded: joins are resolved against its new listeners from now on. */
  reconfigure(config: AppConfig, checker: ValueChecker): void;
}

const MAX_SESSION_ID = 64;

type Ack = (answer: unknown) => void;

/**
 * The client → server half of the transport: the handshake (`hello`, session resume), `join` and `cancel`
 * validated at the edge, and disconnects. Nothing a client sends can throw out of a socket handler.
 */
export function attachSocketTransport(io: IoServer, options: SocketTransportOptions): SocketTransport {
  const { runtime, sessions, sink, logger } = options;
  let resolveJoin = createJoinResolver(options.config, options.checker, options.files);
  options.sink.bind(io);

  io.on("connection", (socket: IoSocket) => {
    const auth: unknown = socket.handshake.auth;
    const requested = typeof auth === "object" && auth !== null ? (auth as { sessionId?: unknown }).sessionId : undefined;
    const connecting = sessions.connect(typeof requested === "string" && requested.length <= MAX_SESSION_ID ? requested : undefined);
    if (!isPromise(connecting)) {
      serve(socket, connecting.session, connecting.resumed);
      return;
    }
    // A shared session store answers after a round trip; the client sends nothing before `hello`.
    connecting.then(
      ({ session, resumed }) => {
        if (socket.connected) serve(socket, session, resumed);
        else sessions.disconnect(session);
      },
      (error: unknown) => {
        logger.error("could not set up a session", error);
        socket.disconnect(true);
      },
    );
  });

  function serve(socket: IoSocket, session: Session, resumed: boolean): void {
    const auth: unknown = socket.handshake.auth;
    const username = (socket.data as { username?: string } | undefined)?.username;
    if (username !== undefined) session.username = username;
    socket.emit("hello", { protocolVersion: PROTOCOL_VERSION, sessionId: session.id, instanceId: options.instanceId, resumed });
    const notice = options.appNotice?.();
    if (notice) socket.emit("app", notice);
    // Its jobs report here from now on: those that were running when its previous connection dropped and, in a
    // cluster, those it has anywhere.
    if (resumed || runtime.clustered) runtime.reattach(session.id, socket.id, session);
    const wantsTicks = typeof auth === "object" && auth !== null && (auth as { ticks?: unknown }).ticks === true;
    if (wantsTicks) options.timers?.attach(session.id, socket.id, session.timers);
    const origin = requestInfo(socket);
    // Browsers always send Origin on a WebSocket (and allowRequest has checked it); API clients don't.
    const fromPage = socket.handshake.headers.origin !== undefined;

    socket.on("join", (...args: unknown[]) => {
      const { request, ack, problem } = splitArgs("join", args);
      // Without an acknowledgement the client could never learn the job's id, so the job is not queued.
      if (!ack) return;
      reply(ack, logger, (accept) => {
        if (problem) return { ok: false, error: { code: "validation", message: problem } };
        // A listener with a file input is resolved after the file store answered (see `createJoinFileResolver`).
        const submit = (resolved: ResolvedJoin): MaybePromise<Answer | typeof ACCEPTED> => {
          if (!resolved.ok) return resolved;
          const submitted = runtime.submit({
            owner: socket.id,
            session,
            dependencyId: resolved.dependency.id,
            data: resolved.data,
            request: origin,
            ...(resolved.eventData === undefined ? {} : { eventData: resolved.eventData }),
            // Held before the job's first message, so that the acknowledgement carries it (see `Outbox.reply`).
            accepted: (job) => accept({ ok: true, jobId: job.id }, (send) => sink.reply(socket.id, send)),
          });
          if (!isPromise(submitted)) return submitted.ok ? ACCEPTED : submitted;
          return submitted.then((answer) => {
            // The connection closed while the store answered: its new job is detached like the others.
            if (answer.ok && socket.disconnected) runtime.detach(socket.id, session.id);
            return answer.ok ? ACCEPTED : answer;
          });
        };
        const resolved = resolveJoin(request, (componentId) => session.choices?.get(componentId), fromPage);
        if (!isPromise(resolved)) return submit(resolved);
        return resolved.then((answer) => (socket.disconnected ? GONE : submit(answer)));
      });
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
      runtime.detach(socket.id, session.id);
      if (wantsTicks) options.timers?.detach(session.id, socket.id);
      sink.forget(socket.id);
      sessions.disconnect(session);
    });
  }

  return {
    reconfigure(config, checker) {
      resolveJoin = createJoinResolver(config, checker, options.files);
    },
  };
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

type Answer = JoinReply | CancelReply;

/** The compute of a `reply` acknowledged through its `accept` already. */
const ACCEPTED = Symbol("accepted");

const GONE: Answer = { ok: false, error: { code: "disconnected", message: "The connection closed before the job was queued." } };

const INTERNAL: Answer = { ok: false, error: { code: "internal", message: "An internal error occurred." } };

type Hold = (send: (frame: ServerMessage[] | undefined) => void) => void;

/**
 * Computes a reply (now, or when the queue store has answered) and acknowledges with it; an unexpected error
 * becomes an `internal` error reply. A compute may instead `accept` with an answer that waits for the
 * connection's flush and carries its frame (`hold`), and return `ACCEPTED`.
 */
function reply(
  ack: Ack,
  logger: Logger,
  compute: (accept: (answer: JoinReply & { ok: true }, hold: Hold) => void) => MaybePromise<Answer | typeof ACCEPTED>,
): void {
  let answered = false;
  const send = (value: Answer): void => {
    if (answered) return;
    answered = true;
    try {
      ack(value);
    } catch (error) {
      logger.error("acknowledgement failed", error);
    }
  };
  const failed = (error: unknown): Answer => {
    logger.error("unexpected error while handling a client message", error);
    return INTERNAL;
  };
  const accept = (value: JoinReply & { ok: true }, hold: Hold): void => hold((frame) => send(frame ? { ...value, frame } : value));
  const finish = (value: Answer | typeof ACCEPTED): void => {
    if (value !== ACCEPTED) send(value);
  };
  let computed: MaybePromise<Answer | typeof ACCEPTED>;
  try {
    computed = compute(accept);
  } catch (error) {
    computed = failed(error);
  }
  if (isPromise(computed)) computed.then(finish, (error: unknown) => finish(failed(error)));
  else finish(computed);
}
