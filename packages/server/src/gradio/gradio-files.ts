import { fileSlotOf, isFileValue, isOutputUpdate, type AppConfig, type DependencyConfig, type FileSlot, type FileValue, type JsonSchema } from "@blockwork/core";
import type { FileStore } from "../files/file-store.ts";
import { issuedAt } from "../files/issued-at.ts";
import { quoteText } from "../files/quote-text.ts";
import { forgedPath } from "../files/resolve-file-value.ts";
import { fileInputProblem, fileInputsOf, type FileInput } from "../transport/resolve-join-files.ts";

/**
 * A file as Gradio's clients send and receive it (Gradio's `FileData`). `path` is where the server keeps it, and is
 * what names the file: Gradio's upload answers paths, and `@gradio/client` sends back `{ path, meta }` alone.
 */
export interface GradioFileData {
  readonly path: string;
  readonly url: string | null;
  readonly orig_name: string | null;
  readonly size: number | null;
  readonly mime_type: string | null;
  readonly is_stream: boolean;
  readonly meta: { readonly _type: "gradio.FileData" };
}

const META = { _type: "gradio.FileData" } as const;
const nullOr = (type: string): JsonSchema => ({ anyOf: [{ type }, { type: "null" }], default: null });

/**
 * Gradio's JSON Schema of a `FileData`, as its `/info` lists a file parameter: Gradio's Python client recognises a
 * file parameter by this shape (`Dict(path: str, url: str | None, …)`) and offers `handle_file` for it.
 */
export const FILE_DATA_SCHEMA: JsonSchema = {
  title: "FileData",
  type: "object",
  properties: {
    path: { type: "string" },
    url: nullOr("string"),
    size: nullOr("integer"),
    orig_name: nullOr("string"),
    mime_type: nullOr("string"),
    is_stream: { type: "boolean", default: false },
    meta: { type: "object", default: META },
  },
  required: ["path"],
  description: "a file the server issued: upload it first (POST gradio_api/upload answers its path), then pass { path, meta: { _type: \"gradio.FileData\" } }",
};

/** Each config's file inputs, worked out once per version of the app. */
const fileInputs = new WeakMap<AppConfig, ReadonlyMap<number, readonly FileInput[]>>();

/** Each listener's file outputs by place (`null`: none), worked out at its first call; a reload makes new listeners. */
const fileOutputs = new WeakMap<DependencyConfig, readonly (FileSlot | undefined)[] | null>();

export type GradioInputs = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly message: string };

type Translated = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/**
 * The Gradio doors' inward half: in a call's `data`, each file input's Gradio `FileData` becomes the file value the
 * store issued at its path, before the join's checks, which then check it like any file value (size, types), so
 * that the handler gets a Blockwork `FileValue`. Blockwork's own file values pass as they are (REST takes both). A
 * path the store did not issue (`/etc/passwd`) is refused in the socket's words; so is a URL, which the server
 * never fetches (`@gradio/client`'s `handle_file(url)` sends one rather than uploading). For an
 * `Image({ type: "url" })`, a FileData's http(s) URL is the value, and an uploaded file gives its absolute URL.
 */
export async function fromGradioFiles(config: AppConfig, dependency: DependencyConfig, data: unknown, store: FileStore, appUrl: string): Promise<GradioInputs> {
  let byDependency = fileInputs.get(config);
  if (!byDependency) fileInputs.set(config, (byDependency = fileInputsOf(config)));
  const inputs = byDependency.get(dependency.id);
  // A wrong shape is the join check's to report, in its own words.
  if (!inputs || !Array.isArray(data)) return { ok: true, data };
  const translated: unknown[] = [...data];
  for (const input of inputs) {
    const value = translated[input.index];
    if (value === null || value === undefined) continue;
    if (input.slot.multiple && !Array.isArray(value)) continue;
    const files: readonly unknown[] = input.slot.multiple ? (value as readonly unknown[]) : [value];
    const issued: unknown[] = [];
    for (const [i, file] of files.entries()) {
      // A gallery's item is Gradio's GalleryImage, `{ image: FileData, caption }`: its image is the file.
      const item = input.slot.captioned && typeof file === "object" && file !== null && "image" in file ? (file as { readonly image: unknown; readonly caption?: unknown }) : null;
      if (item && typeof item.image === "string") {
        issued.push(file);
        continue;
      }
      const answer = await fromFileData(item ? item.image : file, input, store, appUrl);
      if (!answer.ok) return { ok: false, message: fileInputProblem(dependency, input, i, answer.problem) };
      issued.push(item ? { ...item, image: answer.value } : answer.value);
    }
    translated[input.index] = input.slot.multiple ? issued : issued[0];
  }
  return { ok: true, data: translated };
}

async function fromFileData(value: unknown, { slot }: FileInput, store: FileStore, appUrl: string): Promise<Translated> {
  if (isFileValue(value) || (slot.urlInput && typeof value === "string")) return { ok: true, value };
  if (!isFileData(value)) {
    const what = slot.urlInput ? "an http(s) URL or a Gradio FileData" : 'a Gradio FileData { path, meta: { _type: "gradio.FileData" } } whose path POST gradio_api/upload answered, or a file value';
    // An upload that failed leaves `@gradio/client` sending its Blob, which JSON makes `{}`.
    const hint = isEmptyObject(value) ? " (an empty object: did the file's upload fail?)" : "";
    return { ok: false, problem: `expects ${what}; got ${describe(value)}${hint}` };
  }
  const remote = isHttpUrl(value.path) ? value.path : null;
  if (remote !== null) {
    if (slot.urlInput) return { ok: true, value: remote };
    return {
      ok: false,
      problem: `got the URL ${quoteText(remote)}, and this server never fetches URLs: upload the file first (POST gradio_api/upload, or in @gradio/client handle_file() a Blob, a Buffer or a local path, which it uploads) and pass the path that upload answered`,
    };
  }
  const stored = await issuedAt(store, value.path);
  if (stored === null) return { ok: false, problem: forgedPath(value.path) };
  return { ok: true, value: slot.urlInput ? new URL(stored.value.url, appUrl).href : stored.value };
}

/**
 * The outward half: a function turning a job's output values (a `partial`'s or `complete`'s data) into what Gradio's
 * clients take: every file value of a file output becomes a `FileData` whose `url` is absolute (under `appUrl`, the
 * app as the caller reached it), and an http(s) URL one whose path and url are that URL; `update({ value })` too.
 */
export function toGradioFiles(config: AppConfig, dependency: DependencyConfig, appUrl: string): (data: readonly unknown[]) => readonly unknown[] {
  let slots = fileOutputs.get(dependency);
  if (slots === undefined) {
    const components = new Map(config.components.map((c) => [c.id, c]));
    const found = dependency.outputs.map((id) => {
      const component = components.get(id);
      return component ? fileSlotOf(component) : undefined;
    });
    slots = found.some((slot) => slot !== undefined) ? found : null;
    fileOutputs.set(dependency, slots);
  }
  if (slots === null) return (data) => data;
  const bySlot = slots;
  const one = (value: unknown, slot: FileSlot): unknown => {
    if (isOutputUpdate(value)) return "value" in value.__update__ ? { __update__: { ...value.__update__, value: one(value.__update__.value, slot) } } : value;
    if (slot.captioned && Array.isArray(value)) return value.map((item: unknown) => (typeof item === "object" && item !== null && "image" in item ? { ...item, image: toFileData(item.image, appUrl) } : item));
    if (slot.multiple && Array.isArray(value)) return value.map((file) => toFileData(file, appUrl));
    return toFileData(value, appUrl);
  };
  return (data) => data.map((value, i) => (bySlot[i] === undefined ? value : one(value, bySlot[i]!)));
}

/**
 * `toGradioFiles` for a job whose listener is not known here (in a cluster, one that ended before its client's stream
 * opened on this process): every value shaped as a file value this server gives out, alone or in an array, becomes
 * `FileData`.
 */
export function fileValuesToGradio(appUrl: string): (data: readonly unknown[]) => readonly unknown[] {
  const one = (value: unknown): unknown => {
    if (isFileValue(value)) return fileData(value, appUrl);
    if (Array.isArray(value) && value.length > 0 && value.every(isFileValue)) return value.map((file) => fileData(file, appUrl));
    return value;
  };
  return (data) => data.map(one);
}

/** One file output as Gradio's `FileData`; anything else (`null`) as it is. */
export function toFileData(value: unknown, appUrl: string): unknown {
  if (isFileValue(value)) return fileData(value, appUrl);
  if (typeof value === "string" && isHttpUrl(value)) {
    const name = new URL(value).pathname.split("/").pop();
    return { path: value, url: value, orig_name: name ? decodeURIComponent(name) : null, size: null, mime_type: null, is_stream: false, meta: META } satisfies GradioFileData;
  }
  return value;
}

function fileData(file: FileValue, appUrl: string): GradioFileData {
  return { path: file.path, url: new URL(file.url, appUrl).href, orig_name: file.name, size: file.size, mime_type: file.mimeType, is_stream: false, meta: META };
}

/** Gradio's FileData as clients send it: an object with a string `path`, and Gradio's `meta` if it has one. */
function isFileData(value: unknown): value is { readonly path: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.path !== "string" || record.path === "") return false;
  const meta = record.meta;
  return meta === undefined || (typeof meta === "object" && meta !== null && (meta as Record<string, unknown>)._type === META._type);
}

function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && URL.canParse(text);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${quoteText(value)}`;
  return typeof value === "object" && value !== null ? "an object without a path" : `a ${typeof value}`;
}
