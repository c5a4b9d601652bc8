import type { AppConfig } from "@blockwork/core";
import type { Clock, TimerHandle } from "./clock.ts";

/** One Timer of the app: its initial setting and the dependencies its `tick` fires. */
interface TimerSpec {
  readonly intervalMs: number;
  readonly active: boolean;
  readonly dependencies: readonly number[];
}

interface TimerState {
  intervalMs: number;
  active: boolean;
  handle: TimerHandle | null;
  /** A tick was sent and its join has not arrived yet: no new tick until then (or until this time passes). */
  awaitingJoinUntil: number;
}

interface SessionTimers {
  readonly connections: Set<string>;
  readonly timers: Map<number, TimerState>;
}

export interface TimerPacerOptions {
  readonly config: AppConfig;
  readonly clock: Clock;
  /** Whether the session has a job of one of `dependencies` waiting or running. */
  readonly isPending: (sessionId: string, dependencies: readonly number[]) => boolean;
  /** Tells a connection that a Timer ticked. */
  readonly tick: (connectionId: string, componentId: number) => void;
  /** A handler changed a session's Timer: a cluster keeps the setting with the session, for its next process. */
  readonly onChange?: (sessionId: string, componentId: number, setting: TimerSetting) => void;
}

/** A Timer's pace for one session, as handlers may change it. */
export interface TimerSetting {
  readonly intervalMs: number;
  readonly active: boolean;
}

/**
 * Paces the app's Timers per session, on the server: every `intervalMs` each connected session that asked for
 * ticks hears `tick`, and its tab joins the Timer's listeners with its current values. A tick is skipped while
 * the previous tick's job of that session is still pending (or its join is still on the way), so a slow listener
 * never piles up jobs, and a hidden or disconnected tab costs nothing.
 */
export class TimerPacer {
  #options: TimerPacerOptions;
  readonly #specs = new Map<number, TimerSpec>();
  readonly #sessions = new Map<string, SessionTimers>();
  #skipped = 0;

  constructor(options: TimerPacerOptions) {
    this.#options = options;
    this.#readSpecs(options.config);
  }

  /**
   * The app was reloaded (`blockwork dev`): its Timers start afresh from the new config for every connection that
   * takes ticks; settings that handlers changed are dropped with the old component ids.
   */
  reload(config: AppConfig): void {
    const connections = [...this.#sessions].map(([sessionId, session]) => [sessionId, [...session.connections]] as const);
    this.close();
    this.#options = { ...this.#options, config };
    this.#readSpecs(config);
    for (const [sessionId, ids] of connections) for (const id of ids) this.attach(sessionId, id);
  }

  #readSpecs(config: AppConfig): void {
    this.#specs.clear();
    for (const component of config.components) {
      if (component.type !== "timer") continue;
      const dependencies = config.dependencies
        .filter((d) => d.triggers.some((t) => t.componentId === component.id && t.event === "tick"))
        .map((d) => d.id);
      const intervalMs = typeof component.props.intervalMs === "number" ? component.props.intervalMs : 1000;
      this.#specs.set(component.id, { intervalMs, active: component.props.active !== false, dependencies });
    }
  }

  /** Whether the app has any Timer with a listener. */
  get enabled(): boolean {
    return [...this.#specs.values()].some((spec) => spec.dependencies.length > 0);
  }

  /** Ticks skipped because the previous one was still pending, for tests and stats. */
  get skipped(): number {
    return this.#skipped;
  }

  /** A connection that wants ticks; `saved`: the session's settings from another process, if it moved here. */
  attach(sessionId: string, connectionId: string, saved?: ReadonlyMap<number, TimerSetting>): void {
    if (!this.enabled) return;
    let session = this.#sessions.get(sessionId);
    if (!session) {
      const timers = new Map<number, TimerState>();
      for (const [id, spec] of this.#specs) timers.set(id, { intervalMs: spec.intervalMs, active: spec.active, ...saved?.get(id), handle: null, awaitingJoinUntil: 0 });
      session = { connections: new Set(), timers };
      this.#sessions.set(sessionId, session);
    }
    session.connections.add(connectionId);
    for (const [id, timer] of session.timers) this.#schedule(sessionId, id, timer);
  }

  /** A connection closed; the session's Timers pause while it has none (their settings are kept for a resume). */
  detach(sessionId: string, connectionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (!session) return;
    session.connections.delete(connectionId);
    if (session.connections.size === 0) for (const timer of session.timers.values()) this.#cancel(timer);
  }

  /** A handler set a Timer's interval (its value) or `active` for this session. */
  update(sessionId: string, componentId: number, change: { readonly intervalMs?: number; readonly active?: boolean }): void {
    const timer = this.#sessions.get(sessionId)?.timers.get(componentId);
    if (!timer) return;
    if (change.intervalMs !== undefined && Number.isFinite(change.intervalMs) && change.intervalMs >= 10) timer.intervalMs = change.intervalMs;
    if (change.active !== undefined) timer.active = change.active;
    this.#options.onChange?.(sessionId, componentId, { intervalMs: timer.intervalMs, active: timer.active });
    this.#cancel(timer);
    this.#schedule(sessionId, componentId, timer);
  }

  /** A job of `dependencyId` joined for the session: a tick it answers is no longer on the way. */
  joined(sessionId: string, dependencyId: number): void {
    const session = this.#sessions.get(sessionId);
    if (!session) return;
    for (const [id, timer] of session.timers) if (this.#specs.get(id)!.dependencies.includes(dependencyId)) timer.awaitingJoinUntil = 0;
  }

  /** The session is gone for good. */
  drop(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (!session) return;
    for (const timer of session.timers.values()) this.#cancel(timer);
    this.#sessions.delete(sessionId);
  }

  close(): void {
    for (const id of [...this.#sessions.keys()]) this.drop(id);
  }

  #schedule(sessionId: string, componentId: number, timer: TimerState): void {
    const session = this.#sessions.get(sessionId);
    if (!session || timer.handle !== null || !timer.active || session.connections.size === 0) return;
    const { clock } = this.#options;
    timer.handle = clock.setTimeout(() => {
      timer.handle = null;
      this.#fire(sessionId, componentId, timer);
      this.#schedule(sessionId, componentId, timer);
    }, timer.intervalMs);
  }

  #fire(sessionId: string, componentId: number, timer: TimerState): void {
    const session = this.#sessions.get(sessionId);
    if (!session) return;
    const { clock, isPending, tick } = this.#options;
    const now = clock.now();
    if (now < timer.awaitingJoinUntil || isPending(sessionId, this.#specs.get(componentId)!.dependencies)) {
      this.#skipped++;
      return;
    }
    // A tab that never answers (asleep, busy) gets its next tick after a second or an interval, whichever is longer.
    timer.awaitingJoinUntil = now + Math.max(timer.intervalMs, 1000);
    for (const connectionId of session.connections) tick(connectionId, componentId);
  }

  #cancel(timer: TimerState): void {
    if (timer.handle !== null) this.#options.clock.clearTimeout(timer.handle);
    timer.handle = null;
  }
}
