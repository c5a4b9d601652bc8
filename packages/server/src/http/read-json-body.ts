import type { IncomingMessage } from "node:http";
import { readTextBody } from "./read-body.ts";

/** Reads a small JSON request body; an empty body reads as `undefined`. Rejects past `limit` bytes or on bad JSON. */
export async function readJsonBody(req: IncomingMessage, limit = 16 * 1024): Promise<unknown> {
  const text = (await readTextBody(req, limit)).trim();
  return text === "" ? undefined : JSON.parse(text);
}
