/** The last `capacity` ids added, oldest forgotten first: for "has this just happened here?" without growing forever. */
export class RecentIds {
  readonly #capacity: number;
  readonly #ids = new Set<string>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  add(id: string): void {
    this.#ids.delete(id);
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity) this.#ids.delete(this.#ids.values().next().value!);
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Forgets `id`; whether it was there. */
  delete(id: string): boolean {
    return this.#ids.delete(id);
  }
}
