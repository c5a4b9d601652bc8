/** What a running handler last reported with `progress`. */
export interface ProgressView {
  /** 0 to 1; `null` when only a count is known. */
  readonly fraction: number | null;
  readonly done?: number;
  readonly total?: number;
  readonly desc?: string;
}

/**
 * Gradio's stage vocabulary, per output: `pending` (sent, no queue news yet) → `queued` → `processing` →
 * `generating` (partial results streaming in).
 */
export interface PendingStatus {
  readonly stage: "pending" | "queued" | "processing" | "generating";
  /** Clock time (ms) at which the dependency went pending; the timer counts queue time plus run time from it. */
  readonly since: number;
  /** 0-based place in the queue and the queue's size, while `queued`. */
  readonly rank?: number;
  readonly size?: number;
  /** Expected total from `since` to the result, in ms; `null` while unknown. */
  readonly etaTotalMs: number | null;
  readonly progress: ProgressView | null;
  /** `showProgress: "minimal"`: only the meta line and the progress caption, no overlay. */
  readonly minimal?: boolean;
}

export interface ErrorStatus {
  readonly stage: "error";
  readonly message: string;
}

export interface IdleStatus {
  readonly stage: "idle";
}

/** The status an output component shows: nothing, its dependency's pending status, or its last error. */
export type OutputStatus = IdleStatus | PendingStatus | ErrorStatus;

export const IDLE: IdleStatus = { stage: "idle" };
