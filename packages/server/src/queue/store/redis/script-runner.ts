import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import { toStoreError } from "./store-unavailable.ts";

export type ScriptName =
  | "init"
  | "submit"
  | "release"
  | "reserve"
  | "unreserve"
  | "leave"
  | "park"
  | "resume"
  | "place"
  | "take"
  | "record"
  | "stats"
  | "reap"
  | "cancel"
  | "route"
  | "attach"
  | "detach"
  | "expire"
  | "pickup";

/** A script's reply: Redis arrays of strings, integers and nested arrays. */
export type ScriptReply = readonly (string | number | ScriptReply)[];

interface LoadedScript {
  readonly source: string;
  readonly sha: string;
}

/** Every script but `init` starts with the shared helpers of `common.lua`. */
function loadScript(name: ScriptName): LoadedScript {
  const read = (file: string) => readFileSync(new URL(`./lua/${file}.lua`, import.meta.url), "utf8");
  const source = name === "init" ? read(name) : `${read("common")}\n${read(name)}`;
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

const scripts = new Map<ScriptName, LoadedScript>();

function script(name: ScriptName): LoadedScript {
  let loaded = scripts.get(name);
  if (!loaded) scripts.set(name, (loaded = loadScript(name)));
  return loaded;
}

/**
 * Runs the Lua scripts by EVALSHA, loading a script again when Redis answers NOSCRIPT (it restarted, or its
 * script cache was flushed). A reload only happens after such a loss, when the epoch is gone too, so the retry's
 * reordering against later calls does not matter.
 */
export class ScriptRunner {
  readonly #redis: Redis;
  #corked = false;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async run(name: ScriptName, keys: readonly string[], args: readonly (string | number)[]): Promise<ScriptReply> {
    const { source, sha } = script(name);
    this.#coalesce();
    try {
      try {
        return (await this.#redis.evalsha(sha, keys.length, ...keys, ...args)) as ScriptReply;
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        await this.#redis.script("LOAD", source);
        return (await this.#redis.evalsha(sha, keys.length, ...keys, ...args)) as ScriptReply;
      }
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * Holds the connection's writes until the event loop's check phase, then sends them in one write: every script of
   * this loop iteration leaves together. A handoff's scripts (the ended job's last message, the handover, the next
   * job's first message) then leave after the next handler has started, not before it; and the submits of several
   * clients whose frames arrived in one poll, each handled in its own callback, share one system call instead of
   * one each (on a VM a write costs 50–300 µs). ioredis's auto-pipelining does the same per command.
   */
  #coalesce(): void {
    if (this.#corked || this.#redis.status !== "ready") return;
    const stream = this.#redis.stream;
    stream.cork();
    this.#corked = true;
    setImmediate(() => {
      this.#corked = false;
      stream.uncork();
    });
  }
}
