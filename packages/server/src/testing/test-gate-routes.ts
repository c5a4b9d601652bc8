import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody } from "../http/read-json-body.ts";
import { sendJson, sendText } from "../http/static-files.ts";
import type { TestGates } from "./test-gates.ts";

/**
 * The HTTP face of the test gates, under `<base>__test/`:
 * `POST release {count?}` (default 1), `GET record`, `POST reset`.
 */
export async function handleTestGateRoute(gates: TestGates, route: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (route === "record" && req.method === "GET") return sendJson(res, 200, gates.record());
  if (route === "reset" && req.method === "POST") {
    gates.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (route === "release" && req.method === "POST") {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      return sendText(res, 400, `Bad request: ${(error as Error).message}`);
    }
    const count = typeof body === "object" && body !== null ? (body as { count?: unknown }).count : undefined;
    if (count !== undefined && (typeof count !== "number" || !Number.isInteger(count) || count < 0)) {
      return sendText(res, 400, "Bad request: count must be a non-negative integer");
    }
    return sendJson(res, 200, { released: gates.release(count ?? 1) });
  }
  return sendText(res, 404, "Not found");
}
