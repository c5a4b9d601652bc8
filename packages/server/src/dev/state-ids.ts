import type { CompiledApp } from "@blockwork/core";

/**
 * Where each State of the previous version of an app lives in the next one (old component id → new). Component
 * ids follow layout order and shift when anything is added above; a State has no name, so its place among the
 * app's States is what stays: the first State is still the first one after an edit elsewhere.
 */
export function stateIdsByPlace(previous: CompiledApp, next: CompiledApp): Map<number, number> {
  const before = [...previous.stateInitials.keys()];
  const after = [...next.stateInitials.keys()];
  const ids = new Map<number, number>();
  before.forEach((id, place) => {
    const moved = after[place];
    if (moved !== undefined) ids.set(id, moved);
  });
  return ids;
}
