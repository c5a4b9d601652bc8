import type { ErrorPayload } from "@blockwork/core";
import type { ToastInput } from "../toasts/toast-store.ts";

export const DROPPED_MESSAGE = "Your job was dropped when the connection was lost";

/** The toast for a job's error, worded for the person at the page. */
export function errorToast(error: ErrorPayload): ToastInput {
  if (error.code === "disconnected") return { level: "error", message: DROPPED_MESSAGE };
  if (error.code === "queue_full") {
    const wait = error.retryAfterMs === undefined ? "later" : `in ${Math.max(1, Math.ceil(error.retryAfterMs / 1000))} s`;
    return { level: "error", message: `The queue is full. Try again ${wait}.` };
  }
  return { level: "error", message: error.message, ...(error.errorId !== undefined ? { detail: `Error id: ${error.errorId}` } : {}) };
}

/** Whether the outputs keep an error state: not for refusals that say nothing about the handler. */
export function marksOutputs(error: ErrorPayload): boolean {
  return !["queue_full", "rate_limited", "cancelled", "disconnected", "server_stopping"].includes(error.code);
}
