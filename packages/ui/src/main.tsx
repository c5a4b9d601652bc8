import type { AppConfig } from "@blockwork/core";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { basePath } from "./connection/base-path.ts";
import { ConnectionState } from "./connection/connection-state.ts";
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
    const response = await fetch(`${base}config`, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`GET ${base}config answered ${response.status}`);
    config = (await response.json()) as AppConfig;
  } catch (error) {
    root.render(<p className="bw-fatal">Could not load this app: {error instanceof Error ? error.message : String(error)}</p>);
    return;
  }
  document.title = config.title;

  const store = new ValueStore(config.components);
  const toasts = new ToastStore();
  const connection = new ConnectionState();
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
  });
  const runner = new DependencyRunner({ config, store, transport: session, notify: (toast) => toasts.push(toast) });
  const components = new Map(config.components.map((c) => [c.id, c]));
  root.render(<App services={{ config, components, store, runner }} toasts={toasts} connection={connection} />);
}

const rootElement = document.getElementById("root");
if (rootElement) void start(rootElement);
