/**
 * Where one app's state lives in Redis: every key starts with `<prefix>{<app>}:`, so that several apps share a
 * Redis and a Redis Cluster keeps each app in one hash slot (Lua scripts may only touch keys of one slot).
 */
export interface AppKeys {
  /** The prefix every script builds its keys from. */
  readonly base: string;
  /** The epoch hash (`id`, `base`): declared to scripts as their key, which routes them in a cluster. */
  readonly epoch: string;
  /** The pub/sub channel on which scripts publish the id of a group whose waiting list changed. */
  readonly changes: string;
}

export function appKeys(prefix: string, app: string): AppKeys {
  // A `}` in the app name would end the hash tag early and spread the app over slots.
  if (app.includes("{") || app.includes("}")) throw new Error(`an app name for Redis keys may not contain braces: ${app}`);
  const base = `${prefix}{${app}}:`;
  return { base, epoch: `${base}epoch`, changes: `${base}changes` };
}
