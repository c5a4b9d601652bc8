import { useSyncExternalStore } from "react";
import type { ToastStore } from "./toast-store.ts";

const TITLES = { error: "Error", warning: "Warning", info: "Info", success: "Success" } as const;

/** The toasts, stacked in the top-right corner, each with a close button. */
export function ToastStack({ toasts }: { readonly toasts: ToastStore }) {
  const list = useSyncExternalStore(
    (listener) => toasts.subscribe(listener),
    () => toasts.list(),
  );
  return (
    <div className="bw-toasts" aria-live="polite">
      {list.map((toast) => (
        <div
          key={toast.id}
          className={`bw-toast bw-toast-${toast.level}`}
          role={toast.level === "error" ? "alert" : "status"}
          data-testid="toast"
          data-level={toast.level}
        >
          <div className="bw-toast-body">
            <div className="bw-toast-title">{TITLES[toast.level]}</div>
            <div className="bw-toast-message">{toast.message}</div>
            {toast.detail ? <div className="bw-toast-detail">{toast.detail}</div> : null}
          </div>
          <button type="button" className="bw-icon-button" aria-label="Close" onClick={() => toasts.dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
