/**
 * An append-only list of events that can be iterated any number of times, each iteration from the start and
 * waiting for more until the log ends. Lets `job.result()` and a `for await` loop both see every event.
 */
export class EventLog<T> implements AsyncIterable<T> {
  readonly #events: T[] = [];
  #ended = false;
  #wake: (() => void)[] = [];

  get ended(): boolean {
    return this.#ended;
  }

  push(event: T): void {
    if (this.#ended) return;
    this.#events.push(event);
    this.#notify();
  }

  /** Appends a last event and ends the log. */
  end(last: T): void {
    if (this.#ended) return;
    this.#events.push(last);
    this.#ended = true;
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (let i = 0; ; ) {
      if (i < this.#events.length) yield this.#events[i++]!;
      else if (this.#ended) return;
      else await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = [];
    for (const resolve of wake) resolve();
  }
}
