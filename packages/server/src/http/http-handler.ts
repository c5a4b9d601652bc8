import type { AppConfig } from "@blockwork/core";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FileStore } from "../files/file-store.ts";
import type { Logger } from "../logger.ts";
import type { Auth } from "../security/auth.ts";
import { isOriginAllowed } from "../security/check-origin.ts";
import { handleTestGateRoute } from "../testing/test-gate-routes.ts";
import type { TestGates } from "../testing/test-gates.ts";
import { serveCachedFile } from "./cached-file-route.ts";
import { handleLoginRoute } from "./login-routes.ts";
import { resolveSafePath } from "./safe-path.ts";
import { sendFile, sendJson, sendText, serveStatic } from "./static-files.ts";
import { handleUpload } from "./upload-route.ts";

export interface HttpHandlerOptions {
  /** Normalized, with leading and trailing slash. */
  readonly basePath: string;
  /** As served now: the compiled config with the host's limits (a new one after a `blockwork dev` reload). */
  readonly config: () => AppConfig;
  readonly uiDir: string;
  readonly gates: TestGates | null;
  readonly logger: Logger;
  /** `null`: the app is open to everyone. */
  readonly auth: Auth | null;
  /** Shown on the login page. */
  readonly authMessage?: string;
  readonly allowedOrigins: readonly string[];
  /** Absolute folders whose files `<base>file/<absolute path>` serves. */
  readonly allowedPaths: readonly string[];
  /** What `GET <base>config` serves of the config (the Gradio door adds its clients' fields). @default the config */
  readonly servedConfig?: (config: AppConfig) => object;
  /** Other transports' routes, asked after the origin and login checks; each answers true if the route is its. */
  readonly doors?: readonly ((route: string, req: IncomingMessage, res: ServerResponse) => Promise<boolean>)[];
  /** The file cache: `POST <base>upload` writes to it, `<base>files/<id>` serves from it. */
  readonly fileStore: FileStore;
  /** The largest file `upload` accepts, in bytes. */
  readonly maxFileBytes: number;
}

/** Returns whether the request was this app's (answered, or being answered); false lets another handler try. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * One app's routes under its base path: `config`, the UI's files, `file/…` from the allowed folders, `upload` and
 * `files/<id>` (the file cache), the login routes and, when enabled, the test gates. Every route refuses other sites' origins; with `auth`, every route
 * but the login form needs the login cookie.
 */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const { basePath, gates, logger, auth } = options;
  let served: { readonly config: AppConfig; readonly json: string } | null = null;
  const configJson = (): string => {
    const config = options.config();
    if (served?.config !== config) served = { config, json: JSON.stringify(options.servedConfig?.(config) ?? config) };
    return served.json;
  };
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
      if (!isOriginAllowed(req, options.allowedOrigins)) return sendText(res, 403, "Forbidden: requests from another site's pages are refused");
      if (req.headers.origin !== undefined) {
        res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
        res.setHeader("Access-Control-Allow-Credentials", "true");
        res.setHeader("Vary", "Origin");
      }
      if (req.method === "OPTIONS") {
        res.writeHead(204, { "Access-Control-Allow-Methods": "GET, HEAD, POST", "Access-Control-Allow-Headers": "content-type" });
        res.end();
        return;
      }
      if (auth && (route === "login" || route === "logout")) return handleLoginRoute(auth, route, req, res, { basePath, title: options.config().title, message: options.authMessage });
      if (auth && (await auth.userOf(req)) === undefined) {
        if ((route === "" || route === "index.html") && (req.method === "GET" || req.method === "HEAD")) {
          res.writeHead(303, { Location: `${basePath}login`, "Cache-Control": "no-store" });
          res.end();
          return;
        }
        return sendJson(res, 401, { error: { code: "unauthorized", message: `Log in first: POST ${basePath}login` } });
      }
      if (route === "config") {
        if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed");
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" });
        res.end(req.method === "HEAD" ? undefined : configJson());
        return;
      }
      for (const door of options.doors ?? []) if (await door(route, req, res)) return;
      if (route.startsWith("__test/")) {
        if (!gates) return sendText(res, 404, "Not found");
        return handleTestGateRoute(gates, route.slice("__test/".length), req, res);
      }
      if (route === "upload") {
        if (req.method !== "POST") return sendText(res, 405, "Method not allowed");
        return handleUpload(req, res, { store: options.fileStore, maxFileBytes: options.maxFileBytes, logger });
      }
      if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed");
      if (route.startsWith("files/")) return serveCachedFile(options.fileStore, route.slice("files/".length), req, res);
      if (route.startsWith("file/")) {
        const found = await resolveSafePath(route.slice("file/".length), options.allowedPaths, { absolute: true });
        if (!found.ok) return sendText(res, found.status, found.status === 400 ? "Bad request" : "Not found");
        return sendFile(found.file, found.size, "no-cache", req, res);
      }
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
