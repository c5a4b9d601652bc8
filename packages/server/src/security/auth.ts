import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { MemoryLoginStore, type LoginStore } from "./login-store.ts";

/**
 * Who may use an app: a list of `[username, password]` pairs, or a function that decides (it may look the user
 * up somewhere, asynchronously).
 */
export type AuthOption = readonly (readonly [string, string])[] | ((username: string, password: string) => boolean | Promise<boolean>);

/** The cookie that carries a login. Scoped by `Path` to one app, so apps of a gallery each have their own. */
export const AUTH_COOKIE = "blockwork_auth";

/** One app's logins: credential checks in constant time, and random tokens kept in a login store. */
export class Auth {
  readonly #check: (username: string, password: string) => Promise<boolean>;
  readonly #basePath: string;
  /** Live login tokens and whose they are. */
  readonly #tokens: LoginStore;

  constructor(option: AuthOption, basePath: string, tokens: LoginStore = new MemoryLoginStore()) {
    this.#basePath = basePath;
    this.#tokens = tokens;
    if (typeof option === "function") {
      this.#check = async (username, password) => (await option(username, password)) === true;
    } else {
      const pairs = option.map(([username, password]) => [digest(username), digest(password)] as const);
      if (pairs.length === 0) throw new Error("auth needs at least one [username, password] pair");
      this.#check = async (username, password) => {
        const user = digest(username);
        const pass = digest(password);
        // Every pair is compared, and in constant time, so that the timing tells nothing about which part of
        // which pair matched.
        let match = 0;
        for (const [u, p] of pairs) match |= Number(timingSafeEqual(u, user)) & Number(timingSafeEqual(p, pass));
        return match === 1;
      };
    }
  }

  /** How many logins are live. */
  get size(): number {
    return this.#tokens.size;
  }

  /** A new token if the credentials are right, otherwise null. */
  async login(username: string, password: string): Promise<string | null> {
    if (!(await this.#check(username, password).catch(() => false))) return null;
    const token = randomBytes(32).toString("base64url");
    await this.#tokens.add(token, username);
    return token;
  }

  /** The username behind the request's login cookie if it is live, else undefined. */
  async userOf(req: IncomingMessage): Promise<string | undefined> {
    const token = readCookie(req, AUTH_COOKIE);
    return token === undefined ? undefined : this.#tokens.get(token);
  }

  async logout(req: IncomingMessage): Promise<void> {
    const token = readCookie(req, AUTH_COOKIE);
    if (token !== undefined) await this.#tokens.delete(token);
  }

  /** The `Set-Cookie` value for a token: script can't read it, other sites' requests don't carry it. */
  cookie(token: string, req: IncomingMessage): string {
    return `${AUTH_COOKIE}=${token}; Path=${this.#basePath}; HttpOnly; SameSite=Lax${isSecure(req) ? "; Secure" : ""}`;
  }

  clearCookie(req: IncomingMessage): string {
    return `${AUTH_COOKIE}=; Path=${this.#basePath}; HttpOnly; SameSite=Lax; Max-Age=0${isSecure(req) ? "; Secure" : ""}`;
  }
}

/** Fixed-length digests, so that `timingSafeEqual` can compare inputs of any length. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== "string") return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function isSecure(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true || req.headers["x-forwarded-proto"] === "https";
}
