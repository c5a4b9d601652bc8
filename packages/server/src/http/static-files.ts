import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { resolve, sep } from "node:path";
import { contentTypeOf } from "./content-types.ts";

const UI_NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blockwork</title></head>
<body><h1>Blockwork</h1><p>UI not built: run pnpm build:ui, then reload this page.</p>
<p>The app itself is running: its config is at <a href="config">config</a>.</p></body></html>
`;

/** Vite puts content-hashed files under `assets/`; they never change, so browsers may keep them for good. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the built UI from `root`. Refuses any path that resolves outside `root`; serves a short page
 * saying how to build the UI when its index.html is missing.
 */
export async function serveStatic(root: string, relativePath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return sendText(res, 400, "Bad request");
  }
  if (decoded.includes("\0")) return sendText(res, 400, "Bad request");
  const base = resolve(root);
  const fileName = decoded === "" ? "index.html" : decoded;
  const file = resolve(base, fileName);
  if (file !== base && !file.startsWith(base + sep)) return sendText(res, 404, "Not found");

  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    if (fileName === "index.html") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : UI_NOT_BUILT);
      return;
    }
    return sendText(res, 404, "Not found");
  }
  res.writeHead(200, {
    "Content-Type": contentTypeOf(file),
    "Content-Length": info.size,
    "Cache-Control": fileName.startsWith("assets/") ? IMMUTABLE : "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(JSON.stringify(value));
}
