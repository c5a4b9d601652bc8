import { EVENTS, type AppNotice, type ClientToServerEvents, type Hello, type ServerMessage, type ServerToClientEvents } from "@blockwork/core";
import { io, type Socket } from "socket.io-client";
import type { JobTransport } from "../state/dependency-runner.ts";

/** How long to wait before reconnecting after the server itself closed the socket. */
const SERVER_DISCONNECT_RETRY_MS = 1_000;

export interface SocketSessionHandlers {
  /** The first `hello` of the page. */
  connected(hello: Hello): void;
  /** A later `hello` from the same server instance: the connection came back. */
  reconnected(hello: Hello): void;
  /** A later `hello` from a new server instance: the server restarted. */
  restarted(): void;
  disconnected(): void;
  messages(messages: readonly ServerMessage[]): void;
  /** Under `blockwork dev`: the app's source changed (a new version to take, or an edit that failed to load). */
  app(notice: AppNotice): void;
}

export interface SocketSession extends JobTransport {
  close(): void;
}

/**
 * The tab's one Socket.IO connection. It sends back the last session id the server gave, on every reconnect and
 * across reloads of the tab (sessionStorage), so that a short disconnect resumes the session and its State.
 */
export function openSocketSession(base: string, handlers: SocketSessionHandlers): SocketSession {
  const storageKey = `blockwork:session:${base}`;
  let sessionId = readStorage(storageKey);
  let instanceId: string | null = null;
  let ready = false;

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(location.origin, {
    path: `${base}socket.io`,
    transports: ["websocket"],
    // The tab runs Timer listeners, so it asks for the ticks the server paces for its session.
    auth: (send) => send(sessionId === null ? { ticks: true } : { sessionId, ticks: true }),
  });

  socket.on(EVENTS.hello, (hello) => {
    sessionId = hello.sessionId;
    writeStorage(storageKey, hello.sessionId);
    if (instanceId !== null && hello.instanceId !== instanceId) {
      handlers.restarted();
      return;
    }
    const first = instanceId === null;
    instanceId = hello.instanceId;
    ready = true;
    if (first) handlers.connected(hello);
    else handlers.reconnected(hello);
  });
  socket.on(EVENTS.frame, (frame) => handlers.messages(frame));
  socket.on(EVENTS.app, (notice) => handlers.app(notice));
  socket.on("disconnect", (reason) => {
    ready = false;
    handlers.disconnected();
    // Socket.IO reconnects by itself except when the server closed the socket (a restart or a shutdown);
    // the page still wants its app back, so it tries again after a pause.
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), SERVER_DISCONNECT_RETRY_MS);
  });
  socket.on("connect_error", (error) => {
    // The login is gone (a restarted server forgets logins): reloading lands on the login page.
    if (error.message === "unauthorized") location.reload();
    else if (!ready) handlers.disconnected();
  });

  return {
    isConnected: () => ready && socket.connected,
    join: (request, onReply) => socket.emit(EVENTS.join, request, onReply),
    cancel: (jobId) => socket.emit(EVENTS.cancel, { jobId }, () => {}),
    close: () => socket.close(),
  };
}

// Storage can be unavailable (privacy modes, sandboxed frames); the session then lives in memory only.
function readStorage(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Memory only, as above.
  }
}
