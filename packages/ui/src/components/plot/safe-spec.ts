import type { PlotSpec } from "@blockwork/core";
import { sanitizeHtml } from "../../sanitize/sanitize-html.ts";

const SAFE_LINK = /^(https?:|mailto:|[^:]*$)/i;

/**
 * A Plot's ECharts option made safe to hand to ECharts. Options are JSON (no functions can arrive), but a few
 * strings reach the page as more than text: a tooltip's `formatter` becomes HTML (sanitised here like any HTML),
 * a title's `link`/`sublink` opens in a window (kept only for http(s), mailto and relative URLs), and the
 * toolbox's data view writes the data as HTML (dropped).
 */
export function safeSpec(spec: PlotSpec): Record<string, unknown> {
  return walk(spec, false) as Record<string, unknown>;
}

function walk(value: unknown, inTooltip: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, inTooltip));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "dataView") continue;
    if (typeof item === "string" && inTooltip && key === "formatter") out[key] = sanitizeHtml(item);
    else if (typeof item === "string" && (key === "link" || key === "sublink")) {
      if (SAFE_LINK.test(item.replace(/[\s\u0000-\u001f]/g, ""))) out[key] = item;
    } else {
      // Defined, not assigned: a key named `__proto__` stays a plain key.
      Object.defineProperty(out, key, { value: walk(item, inTooltip || key === "tooltip"), enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}
