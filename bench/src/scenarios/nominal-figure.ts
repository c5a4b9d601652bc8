import { ms } from "../table.ts";

/**
 * The ideal of issue 4 takes T from the handlers' recorded run times, so a server whose event loop is blocked
 * (and whose job timers therefore fire late) still scores 1.0 against it. Against the nominal T, as written in the
 * handler, the same stall shows: both are printed, side by side.
 */
export function nominalFigure(achieved: number, limit: number, jobMs: number, meanRunMs: number): string {
  const nominal = (limit * 1000) / jobMs;
  return `mean run ${ms(meanRunMs)} ms for ${jobMs} ms jobs; vs nominal ideal ${nominal.toFixed(1)} jobs/s: ${(achieved / nominal).toFixed(3)}`;
}
