import { lazy, Suspense, useCallback, useState } from "react";
import { AppContext, type AppServices } from "./app-context.ts";
import { basePath } from "../connection/base-path.ts";
import { ConnectionBanner } from "../connection/connection-banner.tsx";
import { DevErrorOverlay } from "../dev/dev-error-overlay.tsx";
import type { DevNotice } from "../dev/dev-notice.ts";
import type { ConnectionState } from "../connection/connection-state.ts";
import { LayoutNode } from "../layout/layout-node.tsx";
import { ToastStack } from "../toasts/toast-stack.tsx";
import type { ToastStore } from "../toasts/toast-store.ts";

interface AppProps {
  readonly services: AppServices;
  readonly toasts: ToastStore;
  readonly connection: ConnectionState;
  readonly dev: DevNotice;
}

/** The page: the app's layout, the toasts, the connection banner and, under `blockwork dev`, compile errors. */
const ApiPanel = lazy(() => import("../api/api-panel.tsx"));

export function App({ services, toasts, connection, dev }: AppProps) {
  const [api, setApi] = useState(false);
  const closeApi = useCallback(() => setApi(false), []);
  return (
    <AppContext.Provider value={services}>
      <DevErrorOverlay notice={dev} />
      <ConnectionBanner connection={connection} />
      <div className="bw-page">
        <LayoutNode node={services.config.layout} parentType={null} />
        <footer className="bw-footer">
          <button type="button" className="bw-footer-link" onClick={() => setApi(true)}>
            Use via API
          </button>
          <span aria-hidden="true"> · </span>
          Built with Blockwork
        </footer>
      </div>
      <ToastStack toasts={toasts} />
      {api ? (
        <Suspense fallback={null}>
          <ApiPanel base={basePath(location.pathname)} onClose={closeApi} />
        </Suspense>
      ) : null}
    </AppContext.Provider>
  );
}
