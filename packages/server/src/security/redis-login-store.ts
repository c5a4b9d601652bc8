import type { Redis } from "ioredis";
import { createHash } from "node:crypto";
import type { LoginStore } from "./login-store.ts";

/** How long a login lasts without being used again. */
const LOGIN_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Logins shared by the processes of a cluster: a login made on one process is valid on every other, and a logout
 * anywhere ends it everywhere. Keys hold a digest of the token, never the token itself.
 */
export class RedisLoginStore implements LoginStore {
  readonly #redis: Redis;
  readonly #keyBase: string;

  constructor(redis: Redis, keyBase: string) {
    this.#redis = redis;
    this.#keyBase = keyBase;
  }

  get size(): number {
    return 0;
  }

  async add(token: string, username: string): Promise<void> {
    await this.#redis.set(this.#key(token), username, "EX", LOGIN_TTL_SECONDS);
  }

  async get(token: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#key(token))) ?? undefined;
  }

  async delete(token: string): Promise<void> {
    await this.#redis.del(this.#key(token));
  }

  #key(token: string): string {
    return `${this.#keyBase}login:${createHash("sha256").update(token).digest("base64url")}`;
  }
}
