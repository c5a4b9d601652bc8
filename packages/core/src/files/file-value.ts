/**
 * A file the server holds in its file cache, as it travels in joins and results and as handlers receive it
 * (Gradio's `FileData`). Only the server issues these: `POST <base>upload` answers one per uploaded file, and a
 * handler's file output becomes one. A value a client sends is accepted only if it is exactly one that was issued.
 */
export interface FileValue {
  /** Where the file is on the server's disk: a handler opens it (`readFile(file.path)`). */
  readonly path: string;
  /** Where a browser or client fetches it, relative to the app's URL (`files/<id>`). */
  readonly url: string;
  /** The original file name, as the uploader or the handler gave it. */
  readonly name: string;
  /** In bytes. */
  readonly size: number;
  /** Its media type without parameters, e.g. `image/png`; `application/octet-stream` when unknown. */
  readonly mimeType: string;
}

const FIELDS = ["path", "url", "name", "size", "mimeType"] as const;

/**
 * The structural check of a file value at the edge: a phrase saying what is wrong ("expects a file value …; got
 * …"), or undefined when it has the five fields with the right types and nothing else. It says nothing about
 * whether the server issued it: that is the server's check.
 */
export function checkFileValue(value: unknown): string | undefined {
  const expected = "expects a file value { path, url, name, size, mimeType } as the server's upload answered it";
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `${expected}; got ${describe(value)}`;
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).find((key) => !(FIELDS as readonly string[]).includes(key));
  if (extra !== undefined) return `${expected}; got an unknown field "${extra.slice(0, 40)}"`;
  for (const field of ["path", "url", "name", "mimeType"] as const) {
    if (typeof record[field] !== "string" || record[field] === "") return `${expected}; its ${field} must be a non-empty string`;
  }
  const size = record.size;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return `${expected}; its size must be a whole number of bytes`;
  return undefined;
}

/** Whether `value` has a file value's shape (see `checkFileValue`). */
export function isFileValue(value: unknown): value is FileValue {
  return checkFileValue(value) === undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
