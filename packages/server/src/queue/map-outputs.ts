import { BlockworkError, isUpdate, type HandlerEntry, type OutputUpdate } from "@blockwork/core";
import type { Session } from "../session/session.ts";

/**
 * Splits a handler's return value over its outputs: State outputs are written into the session, the others
 * become `complete.data` (bare values, or `{ __update__ }` for `update(...)`).
 */
export function mapOutputs(entry: HandlerEntry, result: unknown, session: Session): unknown[] {
  const slots = entry.outputs;
  if (slots.length === 0) return [];
  let values: readonly unknown[];
  if (slots.length === 1) values = [result];
  else if (Array.isArray(result) && result.length === slots.length) values = result;
  else {
    const got = Array.isArray(result) ? `an array of ${result.length}` : `a ${result === null ? "null" : typeof result}`;
    throw new BlockworkError(`${entry.apiName} returned ${got}; its listener has ${slots.length} outputs, so it must return an array of ${slots.length} values`);
  }
  const data: unknown[] = [];
  slots.forEach((slot, i) => {
    const value = values[i];
    if ("state" in slot) {
      if (!isUpdate(value)) session.state.set(slot.state, value);
      else if ("value" in value.props) session.state.set(slot.state, value.props.value);
    } else {
      data[slot.wire] = isUpdate(value) ? ({ __update__: value.props } satisfies OutputUpdate) : value;
    }
  });
  return data;
}

/** The handler's arguments before the context: wire inputs from `join.data`, State inputs from the session. */
export function mapInputs(entry: HandlerEntry, data: readonly unknown[], session: Session): unknown[] {
  return entry.inputs.map((slot) => ("wire" in slot ? data[slot.wire] : session.state.get(slot.state)));
}
