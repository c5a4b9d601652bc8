export type ToastLevel = "error" | "warning" | "info" | "success";

export interface ToastInput {
  readonly level: ToastLevel;
  readonly message: string;
  /** A second, smaller line, such as an error id to quote in a bug report. */
  readonly detail?: string;
}

export interface Toast extends ToastInput {
  readonly id: number;
}

export interface ToastStoreOptions {
  /**
   * How long a toast stays before it dismisses itself; `0` keeps toasts until closed.
   * @default 10_000, Gradio's default duration
   */
  readonly durationMs?: number;
  /** Injectable so that tests control time. @default globalThis.setTimeout */
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

/** The toasts on screen, newest last. A toast identical to one already shown restarts its timer instead. */
export class ToastStore {
  #toasts: readonly Toast[] = [];
  #nextId = 1;
  readonly #timers = new Map<number, unknown>();
  readonly #listeners = new Set<() => void>();
  readonly #durationMs: number;
  readonly #setTimer: (fn: () => void, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;

  constructor(options: ToastStoreOptions = {}) {
    this.#durationMs = options.durationMs ?? 10_000;
    this.#setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  list(): readonly Toast[] {
    return this.#toasts;
  }

  push(input: ToastInput): void {
    const same = this.#toasts.find((t) => t.level === input.level && t.message === input.message && t.detail === input.detail);
    const id = same?.id ?? this.#nextId++;
    if (!same) this.#emit([...this.#toasts, { ...input, id }]);
    this.#arm(id);
  }

  dismiss(id: number): void {
    this.#disarm(id);
    if (this.#toasts.some((t) => t.id === id)) this.#emit(this.#toasts.filter((t) => t.id !== id));
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #arm(id: number): void {
    this.#disarm(id);
    if (this.#durationMs > 0) this.#timers.set(id, this.#setTimer(() => this.dismiss(id), this.#durationMs));
  }

  #disarm(id: number): void {
    const timer = this.#timers.get(id);
    if (timer === undefined) return;
    this.#clearTimer(timer);
    this.#timers.delete(id);
  }

  #emit(toasts: readonly Toast[]): void {
    this.#toasts = toasts;
    for (const listener of this.#listeners) listener();
  }
}
