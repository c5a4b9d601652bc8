const EMPTY: ReadonlySet<never> = new Set<never>();

/**
 * Sets of values by key that keeps no empty set: a key's entry goes with its last value. The runtime indexes its
 * jobs this way by session, by connection, and detached by session; thousands of sessions come and go, and each
 * would otherwise leave an empty set behind.
 */
export class SetIndex<K, V> {
  readonly #sets = new Map<K, Set<V>>();

  add(key: K, value: V): void {
    let set = this.#sets.get(key);
    if (!set) this.#sets.set(key, (set = new Set()));
    set.add(value);
  }

  delete(key: K, value: V): void {
    const set = this.#sets.get(key);
    if (!set?.delete(value)) return;
    if (set.size === 0) this.#sets.delete(key);
  }

  /** The key's values, live: deleting one while iterating is safe, as for any `Set`. */
  get(key: K): ReadonlySet<V> {
    return this.#sets.get(key) ?? EMPTY;
  }

  /** Removes the key and returns its values. */
  take(key: K): ReadonlySet<V> {
    const set = this.#sets.get(key);
    if (!set) return EMPTY;
    this.#sets.delete(key);
    return set;
  }

  /** How many keys have values. */
  get size(): number {
    return this.#sets.size;
  }
}
