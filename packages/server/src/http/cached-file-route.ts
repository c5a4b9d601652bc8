import { constants, createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream";
import type { FileStore } from "../files/file-store.ts";
import { parseByteRange } from "./byte-range.ts";
import { contentDisposition } from "./content-disposition.ts";
import { withCharset } from "./content-types.ts";
import { isServedInline } from "./inline-types.ts";
import { sendText } from "./static-files.ts";

/**
 * `GET|HEAD <base>files/<id>`: a file from the cache, with its type, length, original name (`Content-Disposition`)
 * and byte ranges (206, 416). `nosniff` always; only the inline allowlist is shown in the page's origin, anything
 * else is a download, sandboxed should a browser open it anyway.
 */
export async function serveCachedFile(store: FileStore, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const stored = await store.get(id);
  if (stored === null) return sendText(res, 404, "Not found");
  const { value } = stored;
  // Opened without following a link, and checked again on the open descriptor: what was checked is what is sent.
  const handle = await open(value.path, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (handle === null) return sendText(res, 404, "Not found");
  const info = await handle.stat().catch(() => null);
  if (info === null || !info.isFile() || info.nlink !== 1 || info.size !== value.size) {
    await handle.close();
    return sendText(res, 404, "Not found");
  }
  const inline = isServedInline(value.mimeType);
  const headers: Record<string, string | number> = {
    "Content-Type": withCharset(value.mimeType),
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", value.name),
    "X-Content-Type-Options": "nosniff",
    "Accept-Ranges": "bytes",
    // A file never changes under its id; `private`: with auth, shared caches must not keep it.
    "Cache-Control": "private, max-age=31536000, immutable",
    ...(inline ? {} : { "Content-Security-Policy": "default-src 'none'; sandbox" }),
  };
  const range = parseByteRange(req.headers.range, value.size);
  if (range === "unsatisfiable") {
    await handle.close();
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${value.size}`, "Content-Length": 0 });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: value.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
    "Content-Length": end - start + 1,
    ...(range ? { "Content-Range": `bytes ${start}-${end}/${value.size}` } : {}),
  });
  if (req.method === "HEAD" || end < start) {
    await handle.close();
    res.end();
    return;
  }
  // `pipeline`, not `pipe`: a client that goes away mid-file closes the file too.
  pipeline(createReadStream("", { fd: handle, start, end }), res, () => undefined);
}
