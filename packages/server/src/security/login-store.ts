import type { MaybePromise } from "../queue/store/queue-store.ts";

/** Where live login tokens are kept: in this process, or shared by a cluster so a login works on every process. */
export interface LoginStore {
  /** Logins kept in this process (0 when they live elsewhere). */
  readonly size: number;
  add(token: string, username: string): MaybePromise<void>;
  /** Whose login the token is, if it is live. */
  get(token: string): MaybePromise<string | undefined>;
  delete(token: string): MaybePromise<void>;
}

/** Logins kept at most; the oldest is forgotten first. Bounds memory, since every login makes one. */
const MAX_LOGINS = 10_000;

/** Logins in this process: a restart logs everyone out. */
export class MemoryLoginStore implements LoginStore {
  readonly #tokens = new Map<string, string>();

  get size(): number {
    return this.#tokens.size;
  }

  add(token: string, username: string): void {
    this.#tokens.set(token, username);
    if (this.#tokens.size > MAX_LOGINS) this.#tokens.delete(this.#tokens.keys().next().value!);
  }

  get(token: string): string | undefined {
    return this.#tokens.get(token);
  }

  delete(token: string): void {
    this.#tokens.delete(token);
  }
}
