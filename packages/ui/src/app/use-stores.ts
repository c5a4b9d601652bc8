import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { OutputStatus } from "../status/output-status.ts";
import type { ComponentView } from "../state/value-store.ts";
import { useApp } from "./app-context.ts";

/** A component's current value and props; re-renders when they change. */
export function useView(id: number): ComponentView {
  const { store } = useApp();
  const subscribe = useCallback((listener: () => void) => store.subscribe(id, listener), [store, id]);
  return useSyncExternalStore(subscribe, () => store.view(id));
}

/** What an output's status tracker shows. */
export function useStatus(id: number): OutputStatus {
  const { runner } = useApp();
  const subscribe = useCallback((listener: () => void) => runner.statuses.subscribe(id, listener), [runner, id]);
  return useSyncExternalStore(subscribe, () => runner.statuses.get(id));
}

/** Whether a dependency this component triggers is pending. */
export function useBusy(id: number): boolean {
  const { runner } = useApp();
  const subscribe = useCallback((listener: () => void) => runner.busy.subscribe(id, listener), [runner, id]);
  return useSyncExternalStore(subscribe, () => runner.busy.get(id));
}

/** The clock, ticking every `intervalMs` while `active`: the status timer's 0.1 s resolution. */
export function useNow(active: boolean, intervalMs = 100): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
