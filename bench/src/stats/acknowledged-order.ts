/** A job's join as its client timed it, and when its handler started. */
export interface TimedJoin {
  readonly id: string;
  /** When the client sent the join. */
  readonly sentAt: number;
  /** When the client heard it was accepted (or later: any time after the server had queued it). */
  readonly acceptedAt: number;
  readonly startedAt: number;
}

export interface AcknowledgedOrder {
  /** Jobs that had at least one job accepted before they were sent: those whose place FIFO fixes. */
  readonly ordered: number;
  /** Jobs that started before a job that had been accepted before they were even sent. */
  readonly overtakes: number;
  /** The largest such lead, ms; 0 when there is none. */
  readonly worstMs: number;
  /** The first overtake found, for the failure message. */
  readonly example: { readonly earlier: string; readonly later: string } | null;
}

/**
 * FIFO across clients that share no clock of order but time: if A's join was accepted before B's was sent, the
 * server had A queued before it heard of B, so a FIFO queue must start A first. Joins in flight at the same time
 * have no order to check and are skipped. O(n log n): a running maximum of start times over the joins sorted by
 * acceptance, read at each join's send time.
 */
export function acknowledgedOrder(joins: readonly TimedJoin[]): AcknowledgedOrder {
  const byAccepted = [...joins].sort((a, b) => a.acceptedAt - b.acceptedAt);
  const bySent = [...joins].sort((a, b) => a.sentAt - b.sentAt);
  let next = 0;
  let latest: TimedJoin | null = null;
  let ordered = 0;
  let overtakes = 0;
  let worstMs = 0;
  let example: AcknowledgedOrder["example"] = null;
  for (const job of bySent) {
    while (next < byAccepted.length && byAccepted[next]!.acceptedAt < job.sentAt) {
      const accepted = byAccepted[next++]!;
      if (latest === null || accepted.startedAt > latest.startedAt) latest = accepted;
    }
    if (latest === null) continue;
    ordered++;
    if (job.startedAt < latest.startedAt) {
      overtakes++;
      worstMs = Math.max(worstMs, latest.startedAt - job.startedAt);
      example ??= { earlier: latest.id, later: job.id };
    }
  }
  return { ordered, overtakes, worstMs, example };
}
