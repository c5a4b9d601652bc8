import type { PendingStatus, ProgressView } from "./output-status.ts";

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(1);

/**
 * The status tracker's meta line, as Gradio words it: `queue: 3/10 | 2.1/5.0s` while waiting (1-based position,
 * queue size, elapsed/expected total), `processing | 1.2/4.0s` once started; the `/total` part only when known.
 * Nothing while generating: streamed results speak for themselves.
 */
export function formatStatusMeta(status: PendingStatus, now: number): string {
  if (status.stage === "generating") return "";
  const elapsed = now - status.since;
  const timer = status.etaTotalMs === null ? `${seconds(elapsed)}s` : `${seconds(elapsed)}/${seconds(status.etaTotalMs)}s`;
  if (status.stage === "queued" && status.rank !== undefined && status.size !== undefined) {
    return `queue: ${status.rank + 1}/${status.size} | ${timer}`;
  }
  if (status.stage === "processing") return `processing | ${timer}`;
  return timer;
}

/** A progress bar's caption: `desc - 3/10` or `desc - 45.0%`. */
export function formatProgress(progress: ProgressView): string {
  const { done, total, fraction, desc } = progress;
  const amount =
    done !== undefined && total !== undefined
      ? `${done}/${total}`
      : done !== undefined
        ? String(done)
        : fraction !== null
          ? `${(fraction * 100).toFixed(1)}%`
          : "";
  return [desc, amount].filter((part) => part !== undefined && part !== "").join(" - ");
}

/** How full a progress bar is, 0 to 1, or `null` for an indeterminate bar. */
export function progressFraction(progress: ProgressView): number | null {
  if (progress.fraction !== null) return clamp01(progress.fraction);
  if (progress.done !== undefined && progress.total !== undefined && progress.total > 0) return clamp01(progress.done / progress.total);
  return null;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
