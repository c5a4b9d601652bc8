import { checkFileValue, type FileValue } from "../files/file-value.ts";
import type { CancelRequest, Cell, EventData, JoinRequest } from "./messages.ts";

/** The result of checking an untrusted message: the typed value, or a sentence saying what is wrong. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Longest API name a client may send; compile enforces the same bound. */
const MAX_API_NAME = 100;
/** More inputs than any listener has is a malformed message, not a big one. */
const MAX_INPUTS = 256;
const MAX_JOB_ID = 64;
/** A selected item's value is a label or a cell, not a payload. */
const MAX_EVENT_VALUE = 10_000;
/** A selected row or point has as many fields as a table has columns; more is a payload. */
const MAX_EVENT_FIELDS = 1_000;

const fail = (message: string): Checked<never> => ({ ok: false, message });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): string | undefined {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  return extra.length > 0 ? `${what} has unknown field(s): ${extra.slice(0, 5).join(", ")}` : undefined;
}

/** Checks a `join` message's shape. Input values are checked later, against their components. */
export function checkJoinRequest(value: unknown): Checked<JoinRequest> {
  if (!isPlainObject(value)) return fail("join expects an object { apiName, data }");
  const extra = checkKeys(value, ["apiName", "data", "eventData"], "join");
  if (extra) return fail(extra);
  const { apiName, data, eventData } = value;
  if (typeof apiName !== "string" || apiName.length === 0 || apiName.length > MAX_API_NAME) {
    return fail(`join.apiName must be a non-empty string of at most ${MAX_API_NAME} characters`);
  }
  if (!Array.isArray(data)) return fail("join.data must be an array of input values");
  if (data.length > MAX_INPUTS) return fail(`join.data has ${data.length} values; no listener takes more than ${MAX_INPUTS}`);
  if (eventData === undefined) return { ok: true, value: { apiName, data } };
  const event = checkEventData(eventData);
  return event.ok ? { ok: true, value: { apiName, data, eventData: event.value } } : event;
}

function checkEventData(value: unknown): Checked<EventData> {
  if (!isPlainObject(value)) return fail("join.eventData must be an object { kind?, index, value, selected }");
  const { kind, index, selected } = value;
  if (typeof selected !== "boolean") return fail("join.eventData.selected must be a boolean");
  if (kind === undefined || kind === "item") {
    const extra = checkKeys(value, ["kind", "index", "value", "selected"], "join.eventData");
    if (extra) return fail(extra);
    if (!isIndex(index)) return fail("join.eventData.index must be a non-negative integer");
    const item = checkCell(value.value, "join.eventData.value");
    return item.ok ? { ok: true, value: { index, value: item.value, selected } } : item;
  }
  if (kind === "cell") {
    const extra = checkKeys(value, ["kind", "index", "value", "row", "column", "selected"], "join.eventData");
    if (extra) return fail(extra);
    if (!(Array.isArray(index) && index.length === 2 && index.every(isIndex))) return fail("join.eventData.index must be a [row, column] pair");
    const cell = checkCell(value.value, "join.eventData.value");
    if (!cell.ok) return cell;
    const { row, column } = value;
    if (!Array.isArray(row) || row.length > MAX_EVENT_FIELDS) return fail(`join.eventData.row must be an array of at most ${MAX_EVENT_FIELDS} cells`);
    const cells: Cell[] = [];
    for (const item of row) {
      const checked = checkCell(item, "join.eventData.row");
      if (!checked.ok) return checked;
      cells.push(checked.value);
    }
    if (typeof column !== "string" || column.length > MAX_EVENT_VALUE) return fail(`join.eventData.column must be a string of at most ${MAX_EVENT_VALUE} characters`);
    return { ok: true, value: { kind, index: [index[0] as number, index[1] as number], value: cell.value, row: cells, column, selected } };
  }
  if (kind === "point") {
    const extra = checkKeys(value, ["kind", "index", "value", "selected"], "join.eventData");
    if (extra) return fail(extra);
    if (!isIndex(index)) return fail("join.eventData.index must be a non-negative integer");
    const point = value.value;
    if (!isPlainObject(point) || Object.keys(point).length > MAX_EVENT_FIELDS) {
      return fail(`join.eventData.value must be an object of at most ${MAX_EVENT_FIELDS} fields`);
    }
    const fields: Record<string, Cell> = {};
    for (const [field, item] of Object.entries(point)) {
      if (field.length > MAX_EVENT_VALUE) return fail(`join.eventData.value has a field name longer than ${MAX_EVENT_VALUE} characters`);
      const checked = checkCell(item, `join.eventData.value.${field.slice(0, 40)}`);
      if (!checked.ok) return checked;
      // Defined, not assigned: a field named `__proto__` stays a plain field.
      Object.defineProperty(fields, field, { value: checked.value, enumerable: true, writable: true, configurable: true });
    }
    return { ok: true, value: { kind, index, value: fields, selected } };
  }
  if (kind === "image") {
    const extra = checkKeys(value, ["kind", "index", "value", "selected"], "join.eventData");
    if (extra) return fail(extra);
    if (!isIndex(index)) return fail("join.eventData.index must be a non-negative integer");
    const item = value.value;
    if (!isPlainObject(item)) return fail("join.eventData.value must be an object { image, caption }");
    const itemExtra = checkKeys(item, ["image", "caption"], "join.eventData.value");
    if (itemExtra) return fail(itemExtra);
    const image = checkSelectedImage(item.image);
    if (!image.ok) return image;
    const { caption } = item;
    if (!(caption === null || (typeof caption === "string" && caption.length <= MAX_EVENT_VALUE))) {
      return fail(`join.eventData.value.caption must be a string of at most ${MAX_EVENT_VALUE} characters, or null`);
    }
    return { ok: true, value: { kind, index, value: { image: image.value, caption }, selected } };
  }
  return fail('join.eventData.kind must be "item", "cell", "point" or "image"');
}

/** A selected Gallery image: an http(s) URL, or a file value (whether the server issued it is the server's check). */
function checkSelectedImage(image: unknown): Checked<FileValue | string> {
  if (typeof image === "string") {
    const url = image.length <= MAX_EVENT_VALUE && /^https?:\/\/[^\s]+$/i.test(image) && URL.canParse(image);
    return url ? { ok: true, value: image } : fail("join.eventData.value.image must be a file value or an http(s) URL");
  }
  const problem = checkFileValue(image);
  if (problem) return fail(`join.eventData.value.image ${problem}`);
  const { path, url, name, size, mimeType } = image as FileValue;
  return { ok: true, value: { path, url, name, size, mimeType } };
}

const isIndex = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0;

/** A scalar a selected item, cell or point field may hold; a long string is a payload, not a selection. */
function checkCell(value: unknown, what: string): Checked<Cell> {
  if (value === null || typeof value === "boolean") return { ok: true, value };
  if (typeof value === "number") return Number.isFinite(value) ? { ok: true, value } : fail(`${what} must be a finite number`);
  if (typeof value !== "string") return fail(`${what} must be a string, number, boolean or null`);
  return value.length > MAX_EVENT_VALUE ? fail(`${what} is longer than ${MAX_EVENT_VALUE} characters`) : { ok: true, value };
}

/** Checks a `cancel` message's shape. */
export function checkCancelRequest(value: unknown): Checked<CancelRequest> {
  if (!isPlainObject(value)) return fail("cancel expects an object { jobId }");
  const extra = checkKeys(value, ["jobId"], "cancel");
  if (extra) return fail(extra);
  const { jobId } = value;
  if (typeof jobId !== "string" || jobId.length === 0 || jobId.length > MAX_JOB_ID) {
    return fail(`cancel.jobId must be a non-empty string of at most ${MAX_JOB_ID} characters`);
  }
  return { ok: true, value: { jobId } };
}
