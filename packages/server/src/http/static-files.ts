import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { contentTypeOf } from "./content-types.ts";
import { resolveSafePath } from "./safe-path.ts";

const UI_NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blockwork</title></head>
<body><h1>Blockwork</h1><p>UI not built: run pnpm build:ui, then reload this page.</p>
<p>The app itself is running: its config is at <a href="config">config</a>.</p></body></html>
`;

/** Vite puts content-hashed files under `assets/`; they never change, so browsers may keep them for good. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the built UI from `root`. Refuses any path that resolves outside `root` (symlinks followed); serves a
 * short page saying how to build the UI when its index.html is missing.
 */
export async function serveStatic(root: string, relativePath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fileName = relativePath === "" ? "index.html" : relativePath;
  const found = await resolveSafePath(fileName, [root], { absolute: false });
  if (!found.ok) {
    if (fileName === "index.html") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : UI_NOT_BUILT);
      return;
    }
    return sendText(res, found.status, found.status === 400 ? "Bad request" : "Not found");
  }
  sendFile(found.file, found.size, fileName.startsWith("assets/") ? IMMUTABLE : "no-cache", req, res);
}

/** Streams a file that has been checked already. */
export function sendFile(file: string, size: number, cacheControl: string, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    "Content-Type": contentTypeOf(file),
    "Content-Length": size,
    "Cache-Control": cacheControl,
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
