import { checkFileValue, type ErrorPayload, type FileValue } from "@blockwork/core";
import type { AppUrl } from "./app-url.ts";
import { FileToUpload } from "./handle-file.ts";

/** How deep `filesIn` looks into arrays and objects: as deep as the server checks values. */
const MAX_DEPTH = 64;

/** An upload that failed, with the error the job fails with. */
export class UploadError extends Error {
  readonly payload: ErrorPayload;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.payload = payload;
  }
}

/** Every `FileToUpload` in a job's inputs (in arrays and plain objects too), in order, each once. */
export function filesIn(value: unknown, found: FileToUpload[] = [], depth = 0): FileToUpload[] {
  if (value instanceof FileToUpload) {
    if (!found.includes(value)) found.push(value);
  } else if (depth < MAX_DEPTH && Array.isArray(value)) {
    for (const item of value) filesIn(item, found, depth + 1);
  } else if (depth < MAX_DEPTH && isPlainObject(value)) {
    for (const item of Object.values(value)) filesIn(item, found, depth + 1);
  }
  return found;
}

/** `value` with each `FileToUpload` replaced by its uploaded file value. */
export function withUploaded(value: unknown, uploaded: ReadonlyMap<FileToUpload, FileValue>, depth = 0): unknown {
  if (value instanceof FileToUpload) return uploaded.get(value);
  if (depth < MAX_DEPTH && Array.isArray(value)) return value.map((item) => withUploaded(item, uploaded, depth + 1));
  if (depth < MAX_DEPTH && isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUploaded(v, uploaded, depth + 1)]));
  return value;
}

/**
 * Uploads the files in one `POST <base>upload` and answers their file values, in order. Files past the server's
 * `maxFileBytes` fail here without being sent. Rejects with an `UploadError` carrying the server's error (or
 * `disconnected` when it can't be reached).
 */
export async function uploadFiles(appUrl: AppUrl, files: readonly FileToUpload[], options: { readonly cookie: string | undefined; readonly maxFileBytes: number | undefined; readonly signal: AbortSignal }): Promise<FileValue[]> {
  const form = new FormData();
  for (const file of files) {
    const { blob, name } = await readSource(file.source, options.signal);
    if (options.maxFileBytes !== undefined && blob.size > options.maxFileBytes) {
      throw new UploadError({ code: "too_large", message: `${JSON.stringify(name)} has ${blob.size} bytes; the server accepts files of at most ${options.maxFileBytes} bytes.` });
    }
    form.append("files", blob, name);
  }
  const url = `${appUrl.origin}${appUrl.basePath}upload`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      body: form,
      credentials: "include",
      ...(options.cookie === undefined ? {} : { headers: { cookie: options.cookie } }),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new UploadError({ code: "disconnected", message: `Could not upload to ${url}: ${error instanceof Error ? error.message : String(error)}` });
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as { error?: Partial<ErrorPayload> } | null)?.error;
    throw new UploadError({ code: error?.code ?? "internal", message: error?.message ?? `POST ${url} answered ${response.status}` });
  }
  if (!Array.isArray(body) || body.length !== files.length || body.some((value) => checkFileValue(value) !== undefined)) {
    throw new UploadError({ code: "internal", message: `POST ${url} did not answer one file value per file` });
  }
  return body as FileValue[];
}

/** A source's bytes as a Blob (a file-backed one for a path: nothing is read into memory) and its name. */
async function readSource(source: FileToUpload["source"], signal: AbortSignal): Promise<{ blob: Blob; name: string }> {
  if (source instanceof Blob) return { blob: source, name: source instanceof File ? source.name : "blob" };
  if (source instanceof URL) {
    let response: Response;
    try {
      response = await fetch(source, { signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new UploadError({ code: "validation", message: `Could not download ${source.href}: ${error instanceof Error ? error.message : String(error)}` });
    }
    if (!response.ok) throw new UploadError({ code: "validation", message: `Could not download ${source.href}: it answered ${response.status}` });
    const name = decodeURIComponent(source.pathname.split("/").pop() ?? "") || "file";
    return { blob: await response.blob(), name };
  }
  if (typeof process === "undefined" || process.versions?.node === undefined) {
    throw new UploadError({ code: "validation", message: `handleFile(${JSON.stringify(source)}): a path can only be read in Node; pass a Blob or a URL` });
  }
  // Imported here: the client also runs in browsers, which have no file system.
  const [{ openAsBlob }, { basename }] = await Promise.all([import("node:fs"), import("node:path")]);
  try {
    return { blob: await openAsBlob(source), name: basename(source) };
  } catch (error) {
    throw new UploadError({ code: "validation", message: `handleFile(${JSON.stringify(source)}): ${error instanceof Error ? error.message : String(error)}` });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
