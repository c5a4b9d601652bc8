/**
 * A session's own copy of a State's initial value, so that sessions never share mutable state. Values that
 * `structuredClone` would damage (functions, class instances, which it turns into plain objects) are shared
 * instead, as the State docs promise.
 */
export function cloneInitial<T>(value: T): T {
  if (!isCloneable(value, new Set())) return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

const CLONEABLE_PROTOTYPES = new Set<unknown>([Object.prototype, Array.prototype, Map.prototype, Set.prototype, Date.prototype, RegExp.prototype, null]);

/** Whether `value` is plain data that `structuredClone` (and `v8.serialize`) keep as it is. */
export function isCloneable(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value === "function" || typeof value === "symbol") return false;
  if (typeof value !== "object" || value === null) return true;
  if (seen.has(value)) return true;
  seen.add(value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return true;
  if (!CLONEABLE_PROTOTYPES.has(Object.getPrototypeOf(value))) return false;
  if (value instanceof Map) {
    for (const [k, v] of value) if (!isCloneable(k, seen) || !isCloneable(v, seen)) return false;
    return true;
  }
  if (value instanceof Set) {
    for (const v of value) if (!isCloneable(v, seen)) return false;
    return true;
  }
  return Object.values(value).every((v) => isCloneable(v, seen));
}
