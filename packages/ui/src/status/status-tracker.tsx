import { useApp } from "../app/app-context.ts";
import { useNow } from "../app/use-stores.ts";
import { formatProgress, formatStatusMeta, progressFraction } from "./format-status.ts";
import type { OutputStatus, PendingStatus } from "./output-status.ts";

interface StatusTrackerProps {
  readonly id: number;
  readonly status: OutputStatus;
}

/**
 * Gradio's status tracker on an output: while its dependency is pending, an overlay with a spinner (or progress
 * bar), an ETA bar and the meta line (`queue: 3/10 | 2.1/5.0s`, `processing | 1.2/4.0s`); after an error, an
 * "Error" badge until the next run or until closed. While partial results stream in, only the block's pulsing
 * border shows.
 */
export function StatusTracker({ id, status }: StatusTrackerProps) {
  if (status.stage === "idle") return null;
  if (status.stage === "error") return <ErrorBadge id={id} message={status.message} />;
  return <PendingOverlay status={status} />;
}

function PendingOverlay({ status }: { readonly status: PendingStatus }) {
  const generating = status.stage === "generating";
  const now = useNow(!generating);
  const meta = formatStatusMeta(status, now);
  const progress = status.progress;
  const fraction = progress ? progressFraction(progress) : null;
  const etaFraction = status.etaTotalMs && status.etaTotalMs > 0 ? Math.min(1, (now - status.since) / status.etaTotalMs) : null;
  if (generating && !progress) return null;
  if (status.minimal) {
    const caption = [meta, progress ? formatProgress(progress) : ""].filter(Boolean).join(" | ");
    return caption ? (
      <div className="bw-status bw-status-minimal" data-testid="status" data-stage={status.stage} aria-live="polite">
        {caption}
      </div>
    ) : null;
  }
  return (
    <div className={generating ? "bw-status-overlay bw-status-overlay-light" : "bw-status-overlay"} aria-live="polite">
      {meta ? (
        <div className="bw-status" data-testid="status" data-stage={status.stage}>
          {meta}
        </div>
      ) : null}
      {!progress && etaFraction !== null && !generating ? (
        <div className="bw-eta-bar" style={{ transform: `translateX(${(etaFraction - 1) * 100}%)` }} />
      ) : null}
      {progress ? (
        <div className="bw-progress" data-testid="progress">
          <div className="bw-progress-text">{formatProgress(progress)}</div>
          <div className={fraction === null ? "bw-progress-track bw-progress-indeterminate" : "bw-progress-track"}>
            <div className="bw-progress-fill" style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
          </div>
        </div>
      ) : (
        <div className="bw-spinner" aria-hidden="true" />
      )}
    </div>
  );
}

function ErrorBadge({ id, message }: { readonly id: number; readonly message: string }) {
  const { runner } = useApp();
  return (
    <div className="bw-status bw-status-error" data-testid="status" data-stage="error" title={message}>
      <span>Error</span>
      <button type="button" className="bw-icon-button" aria-label="Dismiss error" onClick={() => runner.clearError(id)}>
        ×
      </button>
    </div>
  );
}
