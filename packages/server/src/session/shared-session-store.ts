import { BlockworkError } from "@blockwork/core";
import type { Redis } from "ioredis";
import { deserialize, serialize } from "node:v8";
import type { Clock, TimerHandle } from "../queue/clock.ts";
import type { SharedState } from "../queue/queue-runtime.ts";
import { cloneInitial, isCloneable } from "./clone-initial.ts";
import type { Session } from "./session.ts";
import type { Sessions } from "./sessions.ts";

export interface SharedSessionStoreOptions {
  /** The cluster's Redis connection (the queue store's), with its offline queue off. */
  readonly redis: Redis;
  /** The app's key base, `<prefix>{<app>}:`. */
  readonly keyBase: string;
  readonly clock: Clock;
  readonly stateInitials: ReadonlyMap<number, unknown>;
  /** How long a session with no connection anywhere is kept for a reconnect. */
  readonly ttlMs: number;
  readonly newId: () => string;
  /** The session expired everywhere: its `onUnload` listeners run from here, with its State. */
  readonly onExpire?: (session: Session) => void;
  /** Reports Redis trouble; the session goes on in this process meanwhile. */
  readonly onError: (message: string, error: unknown) => void;
}

interface Entry {
  readonly session: Session;
  connections: number;
  expiry: TimerHandle | null;
}

/**
 * Sessions shared by the processes of a cluster through Redis: a session id is known to every process, so a
 * connection that moves to another process resumes its session there, with its State. State values are kept in
 * Redis as V8-serialised values (read before a handler that takes them, written after one that sets them), so
 * they must be plain data. The TTL is run by the process a session left last; it checks, when it passes, that
 * the session has not connected elsewhere meanwhile.
 */
export class SharedSessionStore implements Sessions, SharedState {
  readonly #options: SharedSessionStoreOptions;
  readonly #entries = new Map<string, Entry>();
  /** Redis drops a session that no process looks after (all died) this long after its last write. */
  readonly #keepMs: number;

  constructor(options: SharedSessionStoreOptions) {
    this.#options = options;
    this.#keepMs = Math.max(options.ttlMs * 2, 10 * 60_000);
    for (const [componentId, initial] of options.stateInitials) checkShareable(componentId, initial);
  }

  get size(): number {
    return this.#entries.size;
  }

  async connect(id: string | undefined, createAs?: string): Promise<{ session: Session; resumed: boolean }> {
    const local = id === undefined ? undefined : this.#entries.get(id);
    if (local) return { session: this.#attach(local), resumed: true };
    let resumed = false;
    if (id !== undefined) {
      try {
        resumed = (await this.#options.redis.exists(this.#key(id))) === 1;
      } catch (error) {
        this.#options.onError("could not look a session up in Redis; starting a new one", error);
      }
    }
    const again = resumed ? this.#entries.get(id!) : undefined;
    if (again) return { session: this.#attach(again), resumed: true };
    const session = this.#newSession(resumed ? id! : (createAs ?? this.#options.newId()));
    if (resumed) {
      await this.load(session).catch((error: unknown) => this.#options.onError("could not read a session's State from Redis", error));
      const [username, choices, timers] = await this.#options.redis.hmget(this.#key(session.id), "u", "ch", "tm").catch(() => [null, null, null]);
      if (username !== null && username !== undefined && username !== "") session.username = username;
      if (choices) session.choices = new Map(JSON.parse(choices) as [number, string[]][]);
      if (timers) session.timers = new Map(JSON.parse(timers) as [number, { intervalMs: number; active: boolean }][]);
    }
    const entry: Entry = { session, connections: 0, expiry: null };
    this.#entries.set(session.id, entry);
    this.#touch(session, resumed ? {} : { c: "1" });
    return { session: this.#attach(entry), resumed };
  }

  disconnect(session: Session): void {
    const entry = this.#entries.get(session.id);
    if (!entry || --entry.connections > 0) return;
    if (session.username !== undefined) this.#touch(session, { u: session.username });
    entry.expiry = this.#options.clock.setTimeout(() => void this.#expire(entry), this.#options.ttlMs);
  }

  /** Keeps the choices handlers gave the session (`update({ choices })`), for its inputs on any process. */
  saveChoices(session: Session): void {
    if (session.choices) this.#touch(session, { ch: JSON.stringify([...session.choices]) });
  }

  /** Keeps a Timer setting a handler gave the session, for its Timers' pace on any process. */
  saveTimer(sessionId: string, componentId: number, setting: { readonly intervalMs: number; readonly active: boolean }): void {
    const session = this.#entries.get(sessionId)?.session;
    if (!session) return;
    (session.timers ??= new Map()).set(componentId, setting);
    this.#touch(session, { tm: JSON.stringify([...session.timers]) });
  }

  /** A session for a job claimed here that another process admitted: the one connected here, or a fresh view. */
  sessionFor(sessionId: string, username: string | undefined): Session {
    const local = this.#entries.get(sessionId)?.session;
    if (local) return local;
    const session = this.#newSession(sessionId);
    if (username !== undefined) session.username = username;
    return session;
  }

  async load(session: Session): Promise<void> {
    const fields = await this.#options.redis.hgetallBuffer(this.#key(session.id));
    for (const [field, value] of Object.entries(fields)) {
      if (field.startsWith("st:")) session.state.set(Number(field.slice(3)), deserialize(value));
    }
  }

  async save(session: Session, componentIds: readonly number[]): Promise<void> {
    const values: Record<string, Buffer> = {};
    for (const componentId of componentIds) {
      const value = session.state.get(componentId);
      checkShareable(componentId, value);
      values[`st:${componentId}`] = serialize(value);
    }
    await this.#options.redis.multi().hset(this.#key(session.id), values).pexpire(this.#key(session.id), this.#keepMs).exec();
  }

  close(): void {
    for (const entry of this.#entries.values()) if (entry.expiry !== null) this.#options.clock.clearTimeout(entry.expiry);
    this.#entries.clear();
  }

  #attach(entry: Entry): Session {
    if (entry.expiry !== null) this.#options.clock.clearTimeout(entry.expiry);
    entry.expiry = null;
    entry.connections++;
    return entry.session;
  }

  /** The TTL passed here: unless the session is connected in another process, it ends for good. */
  async #expire(entry: Entry): Promise<void> {
    const { session } = entry;
    this.#entries.delete(session.id);
    try {
      const elsewhere = (await this.#options.redis.hexists(`${this.#options.keyBase}presence`, session.id)) === 1;
      if (elsewhere) return;
      await this.load(session);
      await this.#options.redis.del(this.#key(session.id));
    } catch (error) {
      this.#options.onError("could not end a session in Redis", error);
    }
    this.#options.onExpire?.(session);
  }

  #newSession(id: string): Session {
    const session: Session = { id, state: new Map() };
    for (const [componentId, initial] of this.#options.stateInitials) session.state.set(componentId, cloneInitial(initial));
    return session;
  }

  #touch(session: Session, fields: Record<string, string>): void {
    const key = this.#key(session.id);
    const write = Object.keys(fields).length > 0 ? this.#options.redis.multi().hset(key, fields).pexpire(key, this.#keepMs) : this.#options.redis.multi().pexpire(key, this.#keepMs);
    write.exec().catch((error: unknown) => this.#options.onError("could not record a session in Redis", error));
  }

  #key(sessionId: string): string {
    return `${this.#options.keyBase}sess:${sessionId}`;
  }
}

/** A State value must survive serialisation to be shared by processes: functions and class instances don't. */
function checkShareable(componentId: number, value: unknown): void {
  if (isCloneable(value)) return;
  throw new BlockworkError(
    `State ${componentId} holds a value that can't be shared between processes (a function or a class instance, which Redis can't keep): with the Redis queue, State must be plain data (objects, arrays, Maps, Sets, Dates, numbers, strings, typed arrays).`,
  );
}
