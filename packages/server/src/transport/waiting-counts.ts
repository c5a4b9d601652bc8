/** What `WaitingCounts` needs of a job. */
export interface CountedJob {
  readonly session: { readonly id: string };
  readonly request: { readonly ip: string };
}

/**
 * Waiting jobs per session and per client address, for the `maxJobsPerSession` and `maxJobsPerIp` caps. Kept
 * up to date from the sink's `enteredQueue`/`leftQueue`, so a join is checked in O(1). Leaving twice is
 * harmless.
 */
export class WaitingCounts {
  readonly #jobs = new Set<CountedJob>();
  readonly #bySession = new Map<string, number>();
  readonly #byIp = new Map<string, number>();

  enter(job: CountedJob): void {
    if (this.#jobs.has(job)) return;
    this.#jobs.add(job);
    bump(this.#bySession, job.session.id, 1);
    bump(this.#byIp, job.request.ip, 1);
  }

  leave(job: CountedJob): void {
    if (!this.#jobs.delete(job)) return;
    bump(this.#bySession, job.session.id, -1);
    bump(this.#byIp, job.request.ip, -1);
  }

  ofSession(sessionId: string): number {
    return this.#bySession.get(sessionId) ?? 0;
  }

  ofIp(ip: string): number {
    return this.#byIp.get(ip) ?? 0;
  }

  /** Jobs counted; 0 when nothing waits. */
  get size(): number {
    return this.#jobs.size;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
