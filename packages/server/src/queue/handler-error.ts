import { BlockworkError, type ErrorPayload } from "@blockwork/core";
import type { Logger } from "../logger.ts";

/**
 * What the client is told when a handler fails. A `BlockworkError` is meant for the user and shown as is;
 * anything else is logged with a short error id, and the client sees only that id unless the app sets
 * `showError`.
 */
export function handlerErrorPayload(error: unknown, apiName: string, options: { readonly showError: boolean; readonly logger: Logger }): ErrorPayload {
  if (error instanceof BlockworkError || (error instanceof Error && error.name === "BlockworkError")) {
    return { code: "handler", message: error.message };
  }
  const errorId = newErrorId();
  options.logger.error(`handler ${apiName} failed (error id ${errorId})`, error);
  const message = options.showError ? describe(error) : `An error occurred (error id ${errorId})`;
  return { code: "handler", message, errorId };
}

function newErrorId(): string {
  return Math.floor(Math.random() * 0x1000000)
    .toString(16)
    .padStart(6, "0");
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : `non-Error value thrown: ${String(error)}`;
}
