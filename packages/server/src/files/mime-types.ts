import { extname } from "node:path";
import { sniffMimeType } from "./sniff-mime-type.ts";

/** Media types by extension: the UI's own files, and what users commonly upload and handlers return. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  ".html": "text/html",
  ".htm": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".apng": "image/apng",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".bmp": "image/bmp",
  ".ico": "image/x-icon",
  ".tif": "image/tiff",
  ".tiff": "image/tiff",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".opus": "audio/opus",
  ".flac": "audio/flac",
  ".m4a": "audio/mp4",
  ".aac": "audio/aac",
  ".weba": "audio/webm",
  ".mp4": "video/mp4",
  ".m4v": "video/mp4",
  ".webm": "video/webm",
  ".ogv": "video/ogg",
  ".mov": "video/quicktime",
  ".mkv": "video/x-matroska",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".gz": "application/gzip",
  ".tar": "application/x-tar",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

const EXTENSION_OF: ReadonlyMap<string, string> = new Map(Object.entries(BY_EXTENSION).reverse().map(([ext, type]) => [type, ext]));

/** `type/subtype` as RFC 9110 tokens: anything else (parameters, spaces, CR/LF) never reaches a header. */
const ESSENCE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,128}$/;

export const OCTET_STREAM = "application/octet-stream";

/** The media type a file name's extension says, or undefined for an unknown one. */
export function mimeTypeOf(fileName: string): string | undefined {
  return BY_EXTENSION[extname(fileName).toLowerCase()];
}

/**
 * The type a stored file gets: its name's extension decides when it is known (so that `fileTypes` checks on the
 * name and on the type agree), else the type the sender declared if it is a well-formed one other than opaque
 * bytes, else the type its first bytes (`head`) have, if known, else opaque bytes. The last matters for bytes sent
 * without a name or type: `@gradio/client` uploads a Buffer (and a Node path) as an untyped `blob`.
 */
export function storedMimeType(fileName: string, declared: string | undefined, head: Uint8Array = new Uint8Array()): string {
  const byName = mimeTypeOf(fileName);
  if (byName !== undefined) return byName;
  const essence = declared?.split(";")[0]!.trim().toLowerCase();
  if (essence !== undefined && essence !== OCTET_STREAM && ESSENCE.test(essence)) return essence;
  return sniffMimeType(head) ?? OCTET_STREAM;
}

/** An extension for a media type (`.png` for `image/png`), or "" for an unknown one. */
export function extensionOf(mimeType: string): string {
  return EXTENSION_OF.get(mimeType) ?? "";
}
