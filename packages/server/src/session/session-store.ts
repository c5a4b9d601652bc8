import type { Clock, TimerHandle } from "../queue/clock.ts";
import { cloneInitial } from "./clone-initial.ts";
import type { Session } from "./session.ts";
import type { Sessions } from "./sessions.ts";

interface Entry {
  readonly session: Session;
  connections: number;
  expiry: TimerHandle | null;
}

export interface SessionStoreOptions {
  readonly clock: Clock;
  /** Initial State values by component id; each session starts from its own clone. */
  readonly stateInitials: ReadonlyMap<number, unknown>;
  /** How long a session with no connection is kept for a reconnect. */
  readonly ttlMs: number;
  readonly newId: () => string;
  /** Called when a session expires, after it is removed: its `onUnload` listeners run from here. */
  readonly onExpire?: (session: Session) => void;
}

/**
 * Sessions by id. A session lives while a connection uses it and for `ttlMs` after its last one closes, so a
 * tab that reconnects with its session id gets its State back.
 */
export class SessionStore implements Sessions {
  readonly #entries = new Map<string, Entry>();
  #options: SessionStoreOptions;

  constructor(options: SessionStoreOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Attaches a connection to the session `id` if it is known, or to a new session. */
  connect(id: string | undefined): { session: Session; resumed: boolean } {
    let entry = id === undefined ? undefined : this.#entries.get(id);
    const resumed = entry !== undefined;
    if (!entry) {
      const session: Session = { id: this.#options.newId(), state: new Map() };
      for (const [componentId, initial] of this.#options.stateInitials) session.state.set(componentId, cloneInitial(initial));
      entry = { session, connections: 0, expiry: null };
      this.#entries.set(session.id, entry);
    }
    if (entry.expiry !== null) this.#options.clock.clearTimeout(entry.expiry);
    entry.expiry = null;
    entry.connections++;
    return { session: entry.session, resumed };
  }

  /** Detaches one connection; the session expires `ttlMs` after its last one. */
  disconnect(session: Session): void {
    const entry = this.#entries.get(session.id);
    if (!entry || --entry.connections > 0) return;
    entry.expiry = this.#options.clock.setTimeout(() => {
      this.#entries.delete(session.id);
      this.#options.onExpire?.(session);
    }, this.#options.ttlMs);
  }

  /**
   * The app was reloaded (`blockwork dev`): every session keeps the values of the States that still exist
   * (`stateIds`: old component id → new), and starts the new ones from their initial value. Choices that handlers
   * set are dropped, since the components they belonged to may be gone or renumbered.
   */
  reload(stateInitials: ReadonlyMap<number, unknown>, stateIds: ReadonlyMap<number, number>): void {
    this.#options = { ...this.#options, stateInitials };
    for (const { session } of this.#entries.values()) {
      const kept = new Map<number, unknown>();
      for (const [oldId, value] of session.state) {
        const newId = stateIds.get(oldId);
        if (newId !== undefined) kept.set(newId, value);
      }
      session.state.clear();
      for (const [componentId, initial] of stateInitials) {
        session.state.set(componentId, kept.has(componentId) ? kept.get(componentId) : cloneInitial(initial));
      }
      delete session.choices;
    }
  }

  close(): void {
    for (const entry of this.#entries.values()) if (entry.expiry !== null) this.#options.clock.clearTimeout(entry.expiry);
    this.#entries.clear();
  }
}
