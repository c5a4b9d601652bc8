/**
 * The wire protocol between the server and its clients (UI and `@blockwork/client`), typed once.
 *
 * One Socket.IO connection per tab or client carries every job of one session:
 * - client → server: `join` and `cancel`, each answered by an acknowledgement;
 * - server → client: `hello` once per connection, then `m` frames, each an array of `ServerMessage`s
 *   (several messages for one socket in the same tick travel as one frame); under `blockwork dev`, `app`
 *   notices when the app's source changed.
 *
 * Queue positions are derived, not pushed per client: a waiting job learns its group, ticket and rank once
 * (`queued`); afterwards one `group` message per group and update tells every waiting client which tickets
 * left the queue, and each client recomputes its own rank and ETA (see `QueuePosition`).
 */

import type { GalleryItem } from "../components/gallery.ts";

/** Socket.IO event names. */
export const EVENTS = {
  hello: "hello",
  frame: "m",
  join: "join",
  cancel: "cancel",
  app: "app",
} as const;

/** The closed set of error codes a client can receive. */
export const ERROR_CODES = [
  /** A message or input failed validation; nothing was queued. */
  "validation",
  /** No listener has that API name. */
  "unknown_api",
  /** The app's `maxSize` waiting jobs are already queued. */
  "queue_full",
  /** The handler threw or rejected. */
  "handler",
  /** The job was cancelled before it finished. */
  "cancelled",
  /** The handler ran past its listener's `timeout`. */
  "timeout",
  /** The server is shutting down and takes no more jobs. */
  "server_stopping",
  /** The job was dropped because its session disconnected. */
  "disconnected",
  /** A per-session or per-IP cap was reached. */
  "rate_limited",
  /** Not logged in. */
  "unauthorized",
  /** The message was larger than the server accepts. */
  "too_large",
  /** An error inside Blockwork itself. */
  "internal",
  /** The shared queue (Redis) can't be reached, or lost the job: nothing was run twice; try again shortly. */
  "unavailable",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  readonly code: ErrorCode;
  /** For people: what went wrong and, where possible, what to do. */
  readonly message: string;
  /** Correlates a generic handler error with the server's log. */
  readonly errorId?: string;
  /** With `queue_full` and `rate_limited`: when a retry may succeed. */
  readonly retryAfterMs?: number;
}

/** Sent once per connection, before anything else. */
export interface Hello {
  readonly protocolVersion: number;
  /** Survives reconnects of the same tab; pass it back as `auth.sessionId` to resume the session. */
  readonly sessionId: string;
  /** Changes when the server restarts: a client that sees a new one knows its old jobs and state are gone. */
  readonly instanceId: string;
  /** Whether the session was resumed (true) or newly created. */
  readonly resumed: boolean;
}

/**
 * Under `blockwork dev`: the app's current version, sent on connect and whenever its source changes. A client
 * whose config is older fetches `config` again and takes the new layout, keeping its session; `error` is the
 * compile error of the latest edit (the previous version keeps serving meanwhile), `null` once it compiles.
 */
export interface AppNotice {
  readonly version: number;
  readonly error: string | null;
}

/** The handshake payload a client sends (`io(url, { auth })`). */
export interface HandshakeAuth {
  readonly sessionId?: string;
  /** Send this connection the app's Timer ticks (the UI does; API clients opt in). */
  readonly ticks?: boolean;
}

// ---- client → server ----

/** A table cell, a plot row's field: the scalars a Dataframe and the plots hold. */
export type Cell = string | number | boolean | null;

/**
 * What a `select` event carries to its handler, by what was selected (`kind`): an item of a list of choices, a
 * Dataframe cell, a plot point or a Gallery image. Checked at the server's edge like the rest of the join (an
 * image's file value must be one the server issued).
 */
export type EventData = ItemSelectData | CellSelectData | PointSelectData | ImageSelectData;

/** A choice picked or unpicked (Dropdown, Radio, CheckboxGroup). `kind` may be left out. */
export interface ItemSelectData {
  readonly kind?: "item";
  /** The item's index among the choices. */
  readonly index: number;
  readonly value: Cell;
  readonly selected: boolean;
}

/** A Dataframe cell the user clicked. */
export interface CellSelectData {
  readonly kind: "cell";
  /** `[row, column]` in the table's value (not in its sorted or searched view). */
  readonly index: readonly [row: number, column: number];
  readonly value: Cell;
  /** The whole row, so that a handler needs no copy of the table. */
  readonly row: readonly Cell[];
  /** The column's header. */
  readonly column: string;
  readonly selected: boolean;
}

/** A plot point (or bar) the user clicked. */
export interface PointSelectData {
  readonly kind: "point";
  /** The row's index in the plot's value. */
  readonly index: number;
  /** The row behind the point. */
  readonly value: { readonly [field: string]: Cell };
  readonly selected: boolean;
}

/** A Gallery image the user clicked. */
export interface ImageSelectData {
  readonly kind: "image";
  /** The image's index in the Gallery's value. */
  readonly index: number;
  /** The image and its caption, as the Gallery holds them. */
  readonly value: GalleryItem;
  readonly selected: boolean;
}

/** Submits a job: the listener's API name and its input values, in order. */
export interface JoinRequest {
  readonly apiName: string;
  readonly data: readonly unknown[];
  /** For `select` events. */
  readonly eventData?: EventData;
}

/**
 * The answer to a join. An accepted join's answer may carry `frame`: this connection's messages that were ready
 * when it was sent (often the whole `started` + `complete` of a quick job), to be handled in order right after
 * the job is registered, as if they were an `m` frame. One write instead of two per job.
 */
export type JoinReply =
  | { readonly ok: true; readonly jobId: string; readonly frame?: readonly ServerMessage[] }
  | { readonly ok: false; readonly error: ErrorPayload };

export interface CancelRequest {
  readonly jobId: string;
}

export type CancelReply = { readonly ok: true } | { readonly ok: false; readonly error: ErrorPayload };

// ---- server → client ----

/**
 * How long until a waiting job's result, as a line in its rank: `firstMs + rank * perRankMs`, counted from when
 * the message was received. `null` while unknown (before the group's first job has finished).
 */
export interface QueueEstimate {
  readonly firstMs: number;
  readonly perRankMs: number;
}

/** A job is waiting: its place in its group's queue. A job that starts at once is never `queued`. */
export interface QueuedMessage {
  readonly type: "queued";
  readonly jobId: string;
  readonly groupId: string;
  /** Increasing within the group; a lower ticket is ahead. */
  readonly ticket: number;
  /** 0-based: how many jobs are ahead of this one. */
  readonly rank: number;
  /** How many jobs wait in the group, this one included. */
  readonly size: number;
  readonly estimate: QueueEstimate | null;
}

/**
 * The group's queue moved. `left` lists the tickets that stopped waiting (started, cancelled or dropped) since
 * the previous update, as `[from, to)` ranges flattened into pairs. Sent to every socket with a job waiting in
 * the group, throttled; one message serves them all.
 */
export interface GroupMessage {
  readonly type: "group";
  readonly groupId: string;
  readonly left: readonly number[];
  readonly size: number;
  readonly estimate: QueueEstimate | null;
}

export interface StartedMessage {
  readonly type: "started";
  readonly jobId: string;
  /** Expected run time in ms; `null` while unknown. */
  readonly etaMs: number | null;
}

/** Progress reported by a running handler. */
export interface ProgressMessage {
  readonly type: "progress";
  readonly jobId: string;
  /** 0 to 1; `null` when only a count is known. */
  readonly fraction: number | null;
  readonly done?: number;
  readonly total?: number;
  readonly desc?: string;
}

/** A streaming handler's latest full result (not a diff). */
export interface PartialMessage {
  readonly type: "partial";
  readonly jobId: string;
  readonly data: readonly unknown[];
}

export type AlertLevel = "info" | "warning" | "success";

/** A toast from a running handler; the job goes on. */
export interface AlertMessage {
  readonly type: "alert";
  readonly jobId: string;
  readonly level: AlertLevel;
  readonly message: string;
}

/** The job's result: one value per output, each a bare value or an `OutputUpdate`. */
export interface CompleteMessage {
  readonly type: "complete";
  readonly jobId: string;
  readonly data: readonly unknown[];
}

export interface ErrorMessage {
  readonly type: "error";
  readonly jobId: string;
  readonly error: ErrorPayload;
}

/**
 * A Timer of the app ticked for this session: the tab runs the Timer's `tick` listeners with its current values.
 * The server paces ticks per session and skips one while a job of those listeners is still pending.
 */
export interface TickMessage {
  readonly type: "tick";
  readonly componentId: number;
}

export type ServerMessage =
  | QueuedMessage
  | GroupMessage
  | StartedMessage
  | ProgressMessage
  | PartialMessage
  | AlertMessage
  | CompleteMessage
  | ErrorMessage
  | TickMessage;

/** A job's messages, as opposed to a group's or a session's. */
export type JobMessage = Exclude<ServerMessage, GroupMessage | TickMessage>;

/** How an output's new props travel in `complete`/`partial` data, in place of a bare value. */
export interface OutputUpdate {
  readonly __update__: {
    readonly value?: unknown;
    readonly visible?: boolean;
    readonly label?: string;
    readonly choices?: readonly string[];
    readonly interactive?: boolean;
    /** A Timer's: whether it ticks. */
    readonly active?: boolean;
  };
}

export function isOutputUpdate(value: unknown): value is OutputUpdate {
  return typeof value === "object" && value !== null && "__update__" in value;
}

/** Socket.IO's typed event maps, shared by the server and both clients. */
export interface ServerToClientEvents {
  hello: (hello: Hello) => void;
  m: (frame: ServerMessage[]) => void;
  app: (notice: AppNotice) => void;
}

export interface ClientToServerEvents {
  join: (request: JoinRequest, reply: (reply: JoinReply) => void) => void;
  cancel: (request: CancelRequest, reply: (reply: CancelReply) => void) => void;
}
