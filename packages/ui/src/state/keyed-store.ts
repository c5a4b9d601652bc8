type Listener = () => void;

/**
 * Values by key, each with its own subscribers, so that a change re-renders only the components that read that
 * key (the shape `useSyncExternalStore` wants).
 */
export class KeyedStore<K, V> {
  readonly #values = new Map<K, V>();
  readonly #listeners = new Map<K, Set<Listener>>();
  readonly #fallback: V;

  constructor(fallback: V) {
    this.#fallback = fallback;
  }

  get(key: K): V {
    return this.#values.has(key) ? (this.#values.get(key) as V) : this.#fallback;
  }

  set(key: K, value: V): void {
    if (this.get(key) === value) return;
    if (value === this.#fallback) this.#values.delete(key);
    else this.#values.set(key, value);
    for (const listener of this.#listeners.get(key) ?? []) listener();
  }

  /** Every key back to the fallback value. */
  clear(): void {
    for (const key of [...this.#values.keys()]) this.set(key, this.#fallback);
  }

  subscribe(key: K, listener: Listener): () => void {
    let set = this.#listeners.get(key);
    if (!set) {
      set = new Set();
      this.#listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }
}
