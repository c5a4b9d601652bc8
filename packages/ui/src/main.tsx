import type { AppConfig, AppNotice } from "@blockwork/core";
import type { AppServices } from "./app/app-context.ts";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { basePath } from "./connection/base-path.ts";
import { ConnectionState } from "./connection/connection-state.ts";
import { DevNotice } from "./dev/dev-notice.ts";
import { openSocketSession } from "./connection/socket-session.ts";
import { DependencyRunner } from "./state/dependency-runner.ts";
import { ValueStore } from "./state/value-store.ts";
import { ToastStore } from "./toasts/toast-store.ts";
import "./styles/theme.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/status.css";

async function start(rootElement: HTMLElement): Promise<void> {
  const root = createRoot(rootElement);
  const base = basePath(location.pathname);
  let config: AppConfig;
  try {
    config = await fetchConfig(base);
  } catch (error) {
    root.render(<p className="bw-fatal">Could not load this app: {error instanceof Error ? error.message : String(error)}</p>);
    return;
  }
  document.title = config.title;

  const store = new ValueStore(config.components);
  const toasts = new ToastStore();
  const connection = new ConnectionState();
  const dev = new DevNotice();
  let services: AppServices;
  const render = (): void => root.render(<App services={services} toasts={toasts} connection={connection} dev={dev} />);
  // Under `blockwork dev`: the version of the app this page shows (`null` until the server first says).
  let version: number | null = null;
  let shownJson = JSON.stringify(config);
  const takeVersion = async (notice: AppNotice): Promise<void> => {
    dev.set(notice.error);
    if (notice.version === version) return;
    version = notice.version;
    const next = await fetchConfig(base);
    const json = JSON.stringify(next);
    // The first notice may name the version this page already loaded.
    if (json === shownJson || notice.version !== version) return;
    shownJson = json;
    document.title = next.title;
    const store = services.store.carryOver(next.components);
    runner.reconfigure(next, store);
    services = { config: next, components: new Map(next.components.map((c) => [c.id, c])), store, runner };
    render();
  };
  const session = openSocketSession(base, {
    connected: () => {
      connection.set("connected");
      runner.load();
    },
    reconnected: (hello) => {
      connection.set("connected");
      runner.reconnected(hello.resumed);
    },
    restarted: () => location.reload(),
    disconnected: () => connection.set("lost"),
    messages: (messages) => runner.receive(messages),
    app: (notice) => {
      takeVersion(notice).catch((error: unknown) => dev.set(`Could not load the new version: ${error instanceof Error ? error.message : String(error)}`));
    },
  });
  const runner = new DependencyRunner({ config, store, transport: session, notify: (toast) => toasts.push(toast) });
  services = { config, components: new Map(config.components.map((c) => [c.id, c])), store, runner };
  render();
}

async function fetchConfig(base: string): Promise<AppConfig> {
  const response = await fetch(`${base}config`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${base}config answered ${response.status}`);
  return (await response.json()) as AppConfig;
}

const rootElement = document.getElementById("root");
if (rootElement) void start(rootElement);
