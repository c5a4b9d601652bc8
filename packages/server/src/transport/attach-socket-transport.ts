import { checkCancelRequest, PROTOCOL_VERSION, type AppConfig, type ErrorPayload } from "@blockwork/core";
import type { Logger } from "../logger.ts";
import type { QueueRuntime } from "../queue/queue-runtime.ts";
import type { SessionStore } from "../session/session-store.ts";
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
}

const MAX_SESSION_ID = 64;

type Ack = (answer: unknown) => void;

/**
 * The client → server half of the transport: the handshake (`hello`, session resume), `join` and `cancel`
 * validated at the edge, and disconnects. Nothing a client sends can throw out of a socket handler.
 */
export function attachSocketTransport(io: IoServer, options: SocketTransportOptions): void {
  const { runtime, sessions, sink, logger } = options;
  const resolveJoin = createJoinResolver(options.config);
  options.sink.bind(io);

  io.on("connection", (socket: IoSocket) => {
    const auth: unknown = socket.handshake.auth;
    const requested = typeof auth === "object" && auth !== null ? (auth as { sessionId?: unknown }).sessionId : undefined;
    const { session, resumed } = sessions.connect(typeof requested === "string" && requested.length <= MAX_SESSION_ID ? requested : undefined);
    socket.emit("hello", { protocolVersion: PROTOCOL_VERSION, sessionId: session.id, instanceId: options.instanceId, resumed });

    socket.on("join", (request: unknown, ack: unknown) => {
      // Without an acknowledgement the client could never learn the job's id, so the job is not queued.
      if (typeof ack !== "function") return;
      reply(ack as Ack, logger, () => {
        const resolved = resolveJoin(request);
        if (!resolved.ok) return resolved;
        const submitted = runtime.submit({ owner: socket.id, session, dependencyId: resolved.dependency.id, data: resolved.data });
        return submitted.ok ? { ok: true, jobId: submitted.job.id } : submitted;
      });
    });

    socket.on("cancel", (request: unknown, ack: unknown) => {
      reply(typeof ack === "function" ? (ack as Ack) : () => {}, logger, () => {
        const checked = checkCancelRequest(request);
        if (!checked.ok) return { ok: false, error: { code: "validation", message: checked.message } };
        return runtime.cancel(checked.value.jobId, session.id);
      });
    });

    socket.on("disconnect", () => {
      runtime.dropWaiting(socket.id);
      sink.forget(socket.id);
      sessions.disconnect(session);
    });
  });
}

/** Computes a reply and acknowledges with it; an unexpected error becomes an `internal` error reply. */
function reply(ack: Ack, logger: Logger, compute: () => { ok: true; jobId?: string } | { ok: false; error: ErrorPayload }): void {
  let answer: unknown;
  try {
    answer = compute();
  } catch (error) {
    logger.error("unexpected error while handling a client message", error);
    answer = { ok: false, error: { code: "internal", message: "An internal error occurred." } satisfies ErrorPayload };
  }
  try {
    ack(answer);
  } catch (error) {
    logger.error("acknowledgement failed", error);
  }
}
