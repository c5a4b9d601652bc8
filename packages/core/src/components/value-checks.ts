// The checks component definitions share: numbers in a range, images, files, labels, JSON within limits.

import { checkFileValue } from "../files/file-value.ts";

/** Bounds on one value, so that a valid-looking value can't be a denial of service. */
export interface ValueLimits {
  /**
   * The longest image value (a data URI or URL), in characters.
   * @default 10_000_000
   */
  readonly maxImageChars: number;
  /**
   * How deeply arrays and objects may nest in a Json value (and in any value of an unknown component type).
   * @default 64
   */
  readonly maxDepth: number;
  /**
   * How many array items and object fields one value may hold in all.
   * @default 100_000
   */
  readonly maxNodes: number;
}

export const DEFAULT_VALUE_LIMITS: ValueLimits = { maxImageChars: 10_000_000, maxDepth: 64, maxNodes: 100_000 };

export function isUpdateValue(value: unknown): value is { readonly __update__: Record<string, unknown> } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "__update__" in value;
}

export function checkNumber(value: unknown, min: number | undefined, max: number | undefined): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return expected("a finite number", value);
  if (min !== undefined && value < min) return `expects a number of at least ${min}; got ${value}`;
  if (max !== undefined && value > max) return `expects a number of at most ${max}; got ${value}`;
  return undefined;
}

const DATA_IMAGE = /^data:image\/[\w.+-]+(;[\w=.+-]+)*,/i;

/**
 * An image is an http(s) URL or a `data:image/…` URI; an output may also be a relative URL (the app's own
 * `file/…` route). Other schemes (`javascript:`, `file:`, `data:text/html`) never reach a page.
 */
export function checkImage(value: unknown, limits: ValueLimits, allowRelative: boolean): string | undefined {
  const what = allowRelative ? "an http(s) URL, a relative URL, a data:image URI or null" : "an http(s) URL, a data:image URI or null";
  if (value === null) return undefined;
  if (typeof value !== "string") return expected(what, value);
  if (value.length > limits.maxImageChars) return `expects an image of at most ${limits.maxImageChars} characters; got ${value.length}`;
  if (DATA_IMAGE.test(value)) return undefined;
  if (/^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value)) return undefined;
  if (allowRelative && value !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith("//") && !/[\s\\]/.test(value)) return undefined;
  return `expects ${what}; got ${describe(value)}`;
}

/**
 * A file input's value as a client sends it: `null`, one file value, or (`multiple`) an array of them. Whether
 * the server issued them is the server's check.
 */
export function checkFileInput(value: unknown, multiple: boolean, limits: ValueLimits): string | undefined {
  return checkFiles(value, multiple, limits, checkFileValue);
}

/**
 * What a handler may return for a file output: `null`, or per file a file value, a path, an http(s) URL, a
 * `data:` URI or bytes (the server stores them, see `toFileOutput`); an array of them when `multiple`.
 */
export function checkFileOutput(value: unknown, multiple: boolean, limits: ValueLimits): string | undefined {
  return checkFiles(value, multiple, limits, (file) => {
    if ((typeof file === "string" && file !== "") || file instanceof Uint8Array) return undefined;
    const shape = checkFileValue(file);
    return shape === undefined ? undefined : expected("a path, an http(s) URL, a data: URI, a Uint8Array or a file value", file);
  });
}

function checkFiles(value: unknown, multiple: boolean, limits: ValueLimits, checkOne: (file: unknown) => string | undefined): string | undefined {
  if (value === null) return undefined;
  if (!multiple) return Array.isArray(value) ? expected("one file, not a list", value) : checkOne(value);
  return Array.isArray(value) ? checkEach(value, "file", limits, checkOne) : expected("a list of files", value);
}

/** Each item of a list by `checkOne`, within `maxNodes`: the first problem, prefixed with its place ("(file 2) …"). */
export function checkEach(list: readonly unknown[], noun: string, limits: ValueLimits, checkOne: (item: unknown) => string | undefined): string | undefined {
  if (list.length > limits.maxNodes) return `expects at most ${limits.maxNodes} ${noun}s; got ${list.length}`;
  for (const [i, item] of list.entries()) {
    const problem = checkOne(item);
    if (problem) return `(${noun} ${i + 1}) ${problem}`;
  }
  return undefined;
}

export function checkLabel(value: unknown, limits: ValueLimits): string | undefined {
  if (value === null || typeof value === "string") return undefined;
  const what = "a label, an object of confidences per label, or null";
  if (typeof value !== "object" || Array.isArray(value) || !isPlainObject(value)) return expected(what, value);
  const entries = Object.values(value);
  if (entries.length > limits.maxNodes) return `expects at most ${limits.maxNodes} labels; got ${entries.length}`;
  return entries.every((v) => typeof v === "number" && Number.isFinite(v)) ? undefined : `expects ${what}; got an object with a non-number confidence`;
}

/** Plain JSON within the depth and size limits: no functions, symbols, bigints, non-finite numbers or binary. */
export function checkJson(value: unknown, limits: ValueLimits): string | undefined {
  let nodes = 0;
  const walk = (v: unknown, depth: number): string | undefined => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return undefined;
    if (typeof v === "number") return Number.isFinite(v) ? undefined : `expects JSON; got ${describe(v)}`;
    if (typeof v !== "object") return `expects JSON; got ${describe(v)}`;
    if (depth >= limits.maxDepth) return `expects JSON nested at most ${limits.maxDepth} levels deep`;
    const children = Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : null;
    if (children === null) return `expects JSON; got ${describe(v)}`;
    nodes += children.length;
    if (nodes > limits.maxNodes) return `expects JSON of at most ${limits.maxNodes} items and fields`;
    for (const child of children) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(value, 0);
}

export function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export const numberProp = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

export const stringList = (value: unknown): readonly string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

export function listChoices(choices: readonly string[]): string {
  const shown = choices.slice(0, 10).map((c) => JSON.stringify(c.length > 40 ? `${c.slice(0, 40)}…` : c));
  return `[${shown.join(", ")}${choices.length > 10 ? `, … (${choices.length} in all)` : ""}]`;
}

export function expected(what: string, got: unknown): string {
  return `expects ${what}; got ${describe(got)}`;
}

/** A short description of an untrusted value: its kind and a glimpse, never the whole of it. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "string") return value.length > 40 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`;
  if (typeof value === "number") return Number.isFinite(value) ? `the number ${value}` : `${value}`;
  if (typeof value === "boolean") return `${value}`;
  if (typeof value === "bigint") return "a bigint";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return "binary data";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return isPlainObject(value) ? "an object" : `an instance of ${(value as { constructor?: { name?: string } }).constructor?.name ?? "a class"}`;
}

