import { useState, useSyncExternalStore } from "react";
import type { DevNotice } from "./dev-notice.ts";

/**
 * Under `blockwork dev`: the latest edit's compile error over the page, while the previous version keeps serving
 * underneath (it still works). It goes away by itself once an edit loads; the user may hide it meanwhile.
 */
export function DevErrorOverlay({ notice }: { readonly notice: DevNotice }) {
  const error = useSyncExternalStore(
    (listener) => notice.subscribe(listener),
    () => notice.get(),
  );
  const [hidden, setHidden] = useState<string | null>(null);
  if (error === null || hidden === error) return null;
  return (
    <div className="bw-dev-error" role="alert" data-testid="dev-error">
      <div className="bw-dev-error-head">
        <strong>The app failed to reload</strong>
        <span>The previous version is still running. Fix the file and save: this page updates by itself.</span>
        <button type="button" className="bw-dev-error-close" aria-label="Hide" onClick={() => setHidden(error)}>
          ×
        </button>
      </div>
      <pre className="bw-dev-error-message">{error}</pre>
    </div>
  );
}
