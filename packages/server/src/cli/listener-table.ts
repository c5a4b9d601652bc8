import type { AppConfig } from "@blockwork/core";

/**
 * The app's listeners and their queues as a short aligned table, for `blockwork run` on a terminal: what an API
 * client calls, which queue it waits in, and how many of that queue's jobs run at once.
 */
export function listenerTable(config: AppConfig): string {
  const rows = config.dependencies
    .filter((d) => d.hasHandler)
    .map((d) => {
      if (!d.queue || d.groupId === null) return [d.apiName, "—", "no queue (runs at once)"];
      const shared = (config.groups.find((g) => g.id === d.groupId)?.dependencies.length ?? 1) > 1;
      const limit = d.concurrencyLimit === null ? "unlimited" : String(d.concurrencyLimit);
      return [d.apiName, d.groupId, shared ? `${limit} (shared)` : limit];
    });
  if (rows.length === 0) return "  (no listeners)";
  const table = [["listener", "queue", "at once"], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ")}`.trimEnd()).join("\n");
}
