import type { QueueEstimate } from "@blockwork/core";

/**
 * A waiting job's time to its result as a line in its rank: the wait for the first free slot plus one run, then
 * one run per `limit` jobs ahead. `null` while the group's run time is unknown.
 */
export function lineEstimate(limit: number | null, averageRunMs: number | null, timeToFreeSlotMs: number | null): QueueEstimate | null {
  if (averageRunMs === null || timeToFreeSlotMs === null) return null;
  return { firstMs: Math.round(timeToFreeSlotMs + averageRunMs), perRankMs: limit === null ? 0 : Math.round(averageRunMs / limit) };
}
