import { StoreUnavailableError } from "../queue-store.ts";

/** Redis answered with an error of its own state (not of our script): as if it were away. */
const TRANSIENT_REPLIES = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|READONLY)\b/;

/**
 * Maps a failed Redis call to what the runtime expects: connection trouble (the offline queue is off, so a call
 * while Redis is away fails at once) becomes `StoreUnavailableError`; a script's own error stays as it is.
 */
export function toStoreError(error: unknown): Error {
  if (!(error instanceof Error)) return new StoreUnavailableError(String(error));
  if (error.name === "ReplyError" && !TRANSIENT_REPLIES.test(error.message)) return error;
  if (error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(`Redis is unavailable: ${error.message}`, { cause: error });
}
