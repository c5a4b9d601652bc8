import type { CancelRequest, EventData, JoinRequest } from "./messages.ts";

/** The result of checking an untrusted message: the typed value, or a sentence saying what is wrong. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Longest API name a client may send; compile enforces the same bound. */
const MAX_API_NAME = 100;
/** More inputs than any listener has is a malformed message, not a big one. */
const MAX_INPUTS = 256;
const MAX_JOB_ID = 64;
/** A selected item's value is a label or a cell, not a payload. */
const MAX_EVENT_VALUE = 10_000;

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
  if (!isPlainObject(value)) return fail("join.eventData must be an object { index, value, selected }");
  const extra = checkKeys(value, ["index", "value", "selected"], "join.eventData");
  if (extra) return fail(extra);
  const { index, selected } = value;
  const isIndex = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0;
  if (!isIndex(index) && !(Array.isArray(index) && index.length === 2 && index.every(isIndex))) {
    return fail("join.eventData.index must be a non-negative integer or a [row, column] pair");
  }
  if (typeof selected !== "boolean") return fail("join.eventData.selected must be a boolean");
  const item = value.value;
  if (item !== null && typeof item !== "string" && typeof item !== "number" && typeof item !== "boolean") {
    return fail("join.eventData.value must be a string, number, boolean or null");
  }
  if (typeof item === "string" && item.length > MAX_EVENT_VALUE) return fail(`join.eventData.value is longer than ${MAX_EVENT_VALUE} characters`);
  return { ok: true, value: { index: Array.isArray(index) ? [index[0] as number, index[1] as number] : index, value: item, selected } };
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
