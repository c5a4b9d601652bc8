/**
 * Expected run time per key (a listener or a group) as an exponentially weighted moving average, so that the
 * estimate follows a model that got faster or slower instead of averaging over the whole process lifetime.
 */
export class EtaEstimator<K> {
  readonly #averages = new Map<K, number>();
  readonly #alpha: number;

  /** @param alpha weight of the newest sample, in (0, 1]. */
  constructor(alpha = 0.3) {
    this.#alpha = alpha;
  }

  record(key: K, ms: number): void {
    const previous = this.#averages.get(key);
    this.#averages.set(key, previous === undefined ? ms : previous + this.#alpha * (ms - previous));
  }

  /** The expected run time in ms; `null` until the first run of `key` has finished. */
  get(key: K): number | null {
    return this.#averages.get(key) ?? null;
  }
}
