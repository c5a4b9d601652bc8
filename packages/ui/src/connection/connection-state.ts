/** Whether the tab talks to the server: `connecting` before the first hello, `lost` while reconnecting. */
export type ConnectionStatus = "connecting" | "connected" | "lost";

/** The connection status, observable by the banner. */
export class ConnectionState {
  #status: ConnectionStatus = "connecting";
  readonly #listeners = new Set<() => void>();

  get(): ConnectionStatus {
    return this.#status;
  }

  set(status: ConnectionStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
