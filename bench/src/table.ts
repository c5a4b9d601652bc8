import type { Percentiles } from "./stats/percentiles.ts";

/** One line of the bench's table. `null` prints as a dash: not measured, or meaningless for the scenario. */
export interface ResultRow {
  readonly scenario: string;
  readonly clients: number;
  /** The reference rate (the ideal L/T, or the bare transport's ceiling) and the rate achieved, in `unit`. */
  readonly ideal: number | null;
  readonly achieved: number | null;
  readonly unit: string;
  /** Client-side latency, submit to result, in ms. */
  readonly latency: Percentiles | null;
  readonly serverCpuS: number | null;
  readonly serverPeakRss: number | null;
  readonly errors: number;
  /** The scenario's own figures, already formatted ("dispatch gap p50 0.3 ms"). */
  readonly figures: readonly string[];
}

const HEADER = ["scenario", "clients", "ideal", "achieved", "ratio", "latency p50/p95/p99 ms", "server CPU s", "server peak RSS", "errors", "figures"];

/** Renders the rows as one Markdown table: readable in a terminal and pasted as is into RESULTS.md. */
export function renderTable(rows: readonly ResultRow[]): string {
  const lines = rows.map((row) => [
    row.scenario,
    row.clients.toLocaleString("en-US"),
    rate(row.ideal, row.unit),
    rate(row.achieved, row.unit),
    row.ideal !== null && row.achieved !== null && row.ideal > 0 ? (row.achieved / row.ideal).toFixed(3) : "—",
    row.latency ? [row.latency.p50, row.latency.p95, row.latency.p99].map(ms).join(" / ") : "—",
    row.serverCpuS === null ? "—" : row.serverCpuS.toFixed(2),
    row.serverPeakRss === null ? "—" : mib(row.serverPeakRss),
    String(row.errors),
    row.figures.join("; ") || "—",
  ]);
  return [HEADER, HEADER.map(() => "---"), ...lines].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function rate(value: number | null, unit: string): string {
  if (value === null) return "—";
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

/** Milliseconds, with the precision a human reads: 0.42, 12.3, 1,234. */
export function ms(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString("en-US");
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
