import { useSyncExternalStore } from "react";
import type { ConnectionState } from "./connection-state.ts";

/** A sticky notice while the connection is down; Socket.IO reconnects on its own. */
export function ConnectionBanner({ connection }: { readonly connection: ConnectionState }) {
  const status = useSyncExternalStore(
    (listener) => connection.subscribe(listener),
    () => connection.get(),
  );
  if (status !== "lost") return null;
  return (
    <div className="bw-banner" role="status" data-testid="connection-banner">
      <span className="bw-banner-dot" aria-hidden="true" />
      Connection lost, reconnecting…
    </div>
  );
}
