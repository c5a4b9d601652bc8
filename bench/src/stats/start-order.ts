/** How the handlers' start order compares with the jobs' arrival order. */
export interface StartOrder {
  /** Jobs that started before a job that arrived earlier. */
  readonly overtakes: number;
  /** The most any job started ahead of an earlier arrival, ms (0 when the start order is the arrival order). */
  readonly worstMs: number;
}

/**
 * Compares start times (from the handlers' own records) with the arrival order. With one FIFO queue and limit L,
 * slots go to jobs in arrival order, but when the claims are made in different processes, each handler starts when
 * its own process gets to it: two claims a moment apart may start in either order. So the scenario reads
 * `worstMs`, how far the start order strays, against a tolerance far below a job's run time, instead of demanding
 * the exact order. Jobs without a start are skipped (the caller checks that every job ran).
 */
export function startOrder(arrivalOrder: readonly string[], starts: ReadonlyMap<string, number>): StartOrder {
  let latestEarlier = Number.NEGATIVE_INFINITY;
  let overtakes = 0;
  let worstMs = 0;
  for (const id of arrivalOrder) {
    const start = starts.get(id);
    if (start === undefined) continue;
    if (start < latestEarlier) {
      overtakes++;
      worstMs = Math.max(worstMs, latestEarlier - start);
    }
    latestEarlier = Math.max(latestEarlier, start);
  }
  return { overtakes, worstMs };
}
