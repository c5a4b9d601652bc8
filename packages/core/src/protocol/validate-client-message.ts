import type { CancelRequest, JoinRequest } from "./messages.ts";

/** The result of checking an untrusted message: the typed value, or a sentence saying what is wrong. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Longest API name a client may send; compile enforces the same bound. */
const MAX_API_NAME = 100;
/** More inputs than any listener has is a malformed message, not a big one. */
const MAX_INPUTS = 256;
const MAX_JOB_ID = 64;

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
  const extra = checkKeys(value, ["apiName", "data"], "join");
  if (extra) return fail(extra);
  const { apiName, data } = value;
  if (typeof apiName !== "string" || apiName.length === 0 || apiName.length > MAX_API_NAME) {
    return fail(`join.apiName must be a non-empty string of at most ${MAX_API_NAME} characters`);
  }
  if (!Array.isArray(data)) return fail("join.data must be an array of input values");
  if (data.length > MAX_INPUTS) return fail(`join.data has ${data.length} values; no listener takes more than ${MAX_INPUTS}`);
  return { ok: true, value: { apiName, data } };
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
