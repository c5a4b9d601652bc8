import type { AlertLevel, ErrorCode, ErrorPayload } from "@blockwork/core";

/** The job waits in its group's queue; yielded again whenever its position, the queue's size or the ETA changes. */
export interface QueuedEvent {
  readonly type: "queued";
  /** 0-based: how many jobs are ahead of this one. */
  readonly position: number;
  /** How many jobs wait in the group, this one included. */
  readonly queueSize: number;
  /** Milliseconds until the result, counted from now; `null` while unknown. */
  readonly eta: number | null;
}

export interface StartedEvent {
  readonly type: "started";
  /** Expected run time in ms; `null` until the listener has run once. */
  readonly eta: number | null;
}

export interface ProgressEvent {
  readonly type: "progress";
  /** 0 to 1; `null` when only a count is known. */
  readonly fraction: number | null;
  readonly done?: number;
  readonly total?: number;
  readonly desc?: string;
}

/** A streaming handler's latest full result. */
export interface PartialEvent {
  readonly type: "partial";
  readonly data: readonly unknown[];
}

export interface AlertEvent {
  readonly type: "alert";
  readonly level: AlertLevel;
  readonly message: string;
}

/** The result, one value per output. Ends the job. */
export interface CompleteEvent {
  readonly type: "complete";
  readonly data: readonly unknown[];
}

/**
 * The job failed or was refused. Ends the job. `code` is one of core's `ERROR_CODES`:
 * - `validation`: the request was malformed or had the wrong number of inputs; nothing was queued;
 * - `unknown_api`: no listener has that API name;
 * - `queue_full`: the app's `maxSize` jobs already wait (`retryAfterMs` hints when to retry);
 * - `handler`: the handler threw (`errorId` correlates a generic message with the server's log);
 * - `cancelled`: `job.cancel()` was called;
 * - `timeout`: the handler ran past its limit;
 * - `server_stopping`: the server is shutting down;
 * - `disconnected`: the connection closed before the job finished;
 * - `rate_limited`, `unauthorized`, `too_large`: refused by the server's limits;
 * - `internal`: a bug in Blockwork.
 */
export interface ErrorEvent {
  readonly type: "error";
  readonly code: ErrorCode;
  readonly message: string;
  readonly errorId?: string;
  readonly retryAfterMs?: number;
}

/** What `client.submit()` yields, in order: queued*, started, (progress | partial | alert)*, complete | error. */
export type JobEvent = QueuedEvent | StartedEvent | ProgressEvent | PartialEvent | AlertEvent | CompleteEvent | ErrorEvent;

/** How `predict()` and `job.result()` reject: the server's message, with its error code. */
export class JobError extends Error {
  override readonly name = "JobError";
  readonly code: ErrorCode;
  readonly errorId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.errorId = payload.errorId;
    this.retryAfterMs = payload.retryAfterMs;
  }
}

export function errorEvent(payload: ErrorPayload): ErrorEvent {
  return {
    type: "error",
    code: payload.code,
    message: payload.message,
    ...(payload.errorId === undefined ? {} : { errorId: payload.errorId }),
    ...(payload.retryAfterMs === undefined ? {} : { retryAfterMs: payload.retryAfterMs }),
  };
}
