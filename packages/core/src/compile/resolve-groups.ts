import type { GroupConfig } from "../config/app-config.ts";
import { ConfigError } from "../errors/blockwork-error.ts";

export interface GroupRequest {
  readonly dependencyId: number;
  readonly apiName: string;
  /** `undefined` when the listener sets no limit. */
  readonly limit: number | null | undefined;
  readonly concurrencyId: string | undefined;
  readonly describe: string;
}

/** The prefix of a listener's own group id; a `concurrencyId` may not start with it. */
const OWN_GROUP = "api:";

/**
 * Resolves concurrency groups once, at compile time, as the queuing guide documents: a shared id's limit is the
 * one set explicitly on any of its listeners, whichever fires first. Unlike Gradio, the limit never depends on
 * arrival order and is never lowered at run time.
 */
export function resolveGroups(requests: readonly GroupRequest[], defaultLimit: number | null): GroupConfig[] {
  const groups = new Map<string, { limit: number | null | undefined; setBy: string | undefined; dependencies: number[] }>();
  for (const r of requests) {
    if (r.limit !== undefined) validateLimit(r.limit, r.describe);
    if (r.concurrencyId !== undefined && (r.concurrencyId === "" || r.concurrencyId.startsWith(OWN_GROUP))) {
      throw new ConfigError(`${r.describe}: concurrencyId must be non-empty and not start with "${OWN_GROUP}"`);
    }
    const id = r.concurrencyId ?? `${OWN_GROUP}${r.apiName}`;
    const group = groups.get(id) ?? { limit: undefined, setBy: undefined, dependencies: [] };
    groups.set(id, group);
    group.dependencies.push(r.dependencyId);
    if (r.limit === undefined) continue;
    if (group.setBy !== undefined && group.limit !== r.limit) {
      throw new ConfigError(
        `${r.describe}: concurrencyLimit ${String(r.limit)} conflicts with ${String(group.limit)} set by ${group.setBy} ` +
          `for concurrencyId "${id}"; set the limit once`,
      );
    }
    group.limit = r.limit;
    group.setBy = r.describe;
  }
  return [...groups].map(([id, g]) => ({ id, limit: g.limit === undefined ? defaultLimit : g.limit, dependencies: g.dependencies }));
}

export function validateLimit(limit: number | null, describe: string): void {
  if (limit === null) return;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ConfigError(`${describe}: concurrencyLimit must be a positive integer or null (unlimited), got ${String(limit)}`);
  }
}
