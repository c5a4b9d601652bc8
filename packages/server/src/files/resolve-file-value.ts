import { checkFileTypes, checkFileValue, type FileValue } from "@blockwork/core";
import type { FileStore } from "./file-store.ts";
import { formatBytes } from "./format-bytes.ts";
import { quoteText } from "./quote-text.ts";

/** A component's own bounds on the files it takes. */
export interface FileChecks {
  /** The largest file it takes, in bytes. */
  readonly maxBytes?: number;
  /** Its `fileTypes` (see core's `matchesFileTypes`); none or empty: any type. */
  readonly fileTypes?: readonly string[];
}

export type ResolvedFile = { readonly ok: true; readonly file: FileValue } | { readonly ok: false; readonly problem: string };

const URL_ID = /^files\/([0-9a-f]{32})$/;
const ISSUED = "expects a file this server issued (POST upload answers them)";

/**
 * The edge check of a file value a client sent: it must be exactly a value this server's store issued (same path,
 * URL, name, size and type; the file still in the cache and intact on disk), within `checks`. Answers the issued
 * value, to hand to the handler, or a phrase for a `validation` error ("expects a file this server issued …; got
 * …"). A forged path such as `/etc/passwd`, an id never issued, an entry planted in the cache: all refused here,
 * before any handler runs.
 */
export async function resolveFileValue(store: FileStore, value: unknown, checks: FileChecks = {}): Promise<ResolvedFile> {
  const shape = checkFileValue(value);
  if (shape !== undefined) return { ok: false, problem: shape };
  const claimed = value as FileValue;
  const id = URL_ID.exec(claimed.url)?.[1];
  if (id === undefined) return { ok: false, problem: `${ISSUED}; got one whose url ${quoteText(claimed.url)} is not one of its files` };
  const stored = await store.get(id);
  if (stored === null) return { ok: false, problem: `${ISSUED}; got one it does not hold (never uploaded here, or removed from its cache by age or size)` };
  const issued = stored.value;
  if (claimed.path !== issued.path) return { ok: false, problem: forgedPath(claimed.path) };
  for (const field of ["name", "size", "mimeType"] as const) {
    if (claimed[field] !== issued[field]) return { ok: false, problem: `${ISSUED}; got one whose ${field} differs from the one issued` };
  }
  if (checks.maxBytes !== undefined && issued.size > checks.maxBytes) {
    return { ok: false, problem: `expects a file of at most ${formatBytes(checks.maxBytes)}; got ${formatBytes(issued.size)}` };
  }
  const wrongType = checks.fileTypes === undefined ? undefined : checkFileTypes(issued, checks.fileTypes);
  return wrongType === undefined ? { ok: true, file: issued } : { ok: false, problem: wrongType };
}

/**
 * The refusal of a path the server did not issue (`/etc/passwd`, or an issued one climbing out with `..`), in the
 * words every door uses, whether the path came in a file value or alone (Gradio's FileData names a file by path).
 */
export function forgedPath(path: string): string {
  return `${ISSUED}; got the path ${quoteText(path)}, which is not a file it issued`;
}
