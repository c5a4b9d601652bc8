import { AppContext, type AppServices } from "./app-context.ts";
import { ConnectionBanner } from "../connection/connection-banner.tsx";
import type { ConnectionState } from "../connection/connection-state.ts";
import { LayoutNode } from "../layout/layout-node.tsx";
import { ToastStack } from "../toasts/toast-stack.tsx";
import type { ToastStore } from "../toasts/toast-store.ts";

interface AppProps {
  readonly services: AppServices;
  readonly toasts: ToastStore;
  readonly connection: ConnectionState;
}

/** The page: the app's layout, the toasts and the connection banner. */
export function App({ services, toasts, connection }: AppProps) {
  return (
    <AppContext.Provider value={services}>
      <ConnectionBanner connection={connection} />
      <div className="bw-page">
        <LayoutNode node={services.config.layout} parentType={null} />
        <footer className="bw-footer">Built with Blockwork</footer>
      </div>
      <ToastStack toasts={toasts} />
    </AppContext.Provider>
  );
}
