import type { AppConfig } from "@blockwork/core";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.ts";
import { handleTestGateRoute } from "../testing/test-gate-routes.ts";
import type { TestGates } from "../testing/test-gates.ts";
import { sendJson, sendText, serveStatic } from "./static-files.ts";

export interface HttpHandlerOptions {
  /** Normalized, with leading and trailing slash. */
  readonly basePath: string;
  readonly config: AppConfig;
  readonly uiDir: string;
  readonly gates: TestGates | null;
  readonly logger: Logger;
}

/** Returns whether the request was this app's (answered, or being answered); false lets another handler try. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** One app's HTTP routes under its base path: `config`, the UI's files and, when enabled, the test gates. */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const { basePath, gates, logger } = options;
  const configJson = JSON.stringify(options.config);
  const socketPrefix = `${basePath}socket.io`;
  return (req, res) => {
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
    if (basePath !== "/" && pathname === basePath.slice(0, -1)) {
      res.writeHead(308, { Location: basePath + (queryAt < 0 ? "" : url.slice(queryAt)) });
      res.end();
      return true;
    }
    if (!pathname.startsWith(basePath) || pathname.startsWith(socketPrefix)) return false;
    const route = pathname.slice(basePath.length);
    const answer = async (): Promise<void> => {
      if (route === "config") {
        if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed");
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" });
        res.end(req.method === "HEAD" ? undefined : configJson);
        return;
      }
      if (route.startsWith("__test/")) {
        if (!gates) return sendText(res, 404, "Not found");
        return handleTestGateRoute(gates, route.slice("__test/".length), req, res);
      }
      if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed");
      return serveStatic(options.uiDir, route, req, res);
    };
    answer().catch((error: unknown) => {
      logger.error(`HTTP ${req.method} ${pathname} failed`, error);
      if (!res.headersSent) sendJson(res, 500, { error: "internal" });
      else res.destroy();
    });
    return true;
  };
}
