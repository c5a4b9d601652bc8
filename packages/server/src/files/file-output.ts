import { checkFileValue, type FileValue } from "@blockwork/core";
import { createReadStream, realpathSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, resolve } from "node:path";
import { isInside } from "../http/safe-path.ts";
import { parseDataUri } from "./data-uri.ts";
import type { FileStore } from "./file-store.ts";
import { issuedAt } from "./issued-at.ts";
import { extensionOf, OCTET_STREAM } from "./mime-types.ts";
import { resolveFileValue } from "./resolve-file-value.ts";
import { quoteText } from "./quote-text.ts";
import { sniffMimeType } from "./sniff-mime-type.ts";

/** What a file output sends: a file value of this server's, or an http(s) URL the browser fetches itself. */
export type FileOutput = FileValue | string;

export type MappedFileOutput = { readonly ok: true; readonly output: FileOutput } | { readonly ok: false; readonly problem: string };

const TEMP_DIR = realpathSync(tmpdir());

/**
 * Turns what a handler returned for a file output into what the client gets, storing it when needed:
 * - a file value this server issued: as is (checked like an input);
 * - an http(s) URL: as is, for the browser to fetch (the server never fetches it);
 * - a `data:` URI or a `Uint8Array` (a Buffer too): stored as a new file (bare bytes typed by their first bytes);
 * - a path (absolute, or relative to the working directory): copied into the store, but only from inside the
 *   OS temp dir or `allowedPaths`, symlinks resolved first; a file of the store's own is given as issued.
 * Anything else, or a path outside those folders, is a `problem`: a phrase to fail the job with a `handler` error
 * ("`${apiName}` returned a file its output can't show: …").
 */
export async function toFileOutput(store: FileStore, value: unknown, allowedPaths: readonly string[]): Promise<MappedFileOutput> {
  if (value instanceof Uint8Array) return stored(store, value, sniffMimeType(value) ?? OCTET_STREAM);
  if (typeof value === "string") {
    if (/^https?:\/\//i.test(value)) {
      return URL.canParse(value) ? { ok: true, output: value } : { ok: false, problem: `the URL ${quoteText(value)} is not a valid URL` };
    }
    if (/^data:/i.test(value)) {
      const parsed = parseDataUri(value);
      return parsed ? stored(store, parsed.bytes, parsed.mimeType) : { ok: false, problem: "the data: URI is malformed" };
    }
    return fromPath(store, value, allowedPaths);
  }
  const shape = checkFileValue(value);
  if (shape === undefined) {
    const resolved = await resolveFileValue(store, value);
    return resolved.ok ? { ok: true, output: resolved.file } : { ok: false, problem: `the file value is not one this server issued: it ${resolved.problem}` };
  }
  return { ok: false, problem: `a file output takes a path, a Uint8Array, a data: URI, an http(s) URL or a file value; as a file value, it ${shape}` };
}

async function stored(store: FileStore, bytes: Uint8Array, mimeType: string): Promise<MappedFileOutput> {
  const file = await store.put([bytes], { name: `file${extensionOf(mimeType)}`, mimeType });
  return { ok: true, output: file.value };
}

async function fromPath(store: FileStore, path: string, allowedPaths: readonly string[]): Promise<MappedFileOutput> {
  if (path === "" || path.includes("\0")) return { ok: false, problem: `${quoteText(path)} is not a path` };
  const real = await realpath(resolve(path)).catch(() => null);
  if (real === null) return { ok: false, problem: `the path ${quoteText(path)} does not exist` };
  if (isInside(real, store.root)) {
    const issued = await issuedAt(store, real);
    if (issued !== null) return { ok: true, output: issued.value };
    return { ok: false, problem: `the path ${quoteText(path)} is in the file cache but is not a file it issued` };
  }
  const roots = [TEMP_DIR, ...(await Promise.all(allowedPaths.map((p) => realpath(p).catch(() => null))))].filter((r) => r !== null);
  if (!roots.some((root) => isInside(real, root))) {
    return { ok: false, problem: `the path ${quoteText(path)} is outside the folders a handler's files may come from (the OS temp dir and allowedPaths)` };
  }
  if (!(await stat(real)).isFile()) return { ok: false, problem: `the path ${quoteText(path)} is not a file` };
  const file = await store.put(createReadStream(real), { name: basename(real) });
  return { ok: true, output: file.value };
}

