import type { DependencyConfig } from "../config/app-config.ts";
import type { AnyListener, ApiVisibility, EventName, FollowUps, ShowProgress, TriggerMode } from "../dsl/listener.ts";
import { isListener } from "../dsl/listener.ts";
import { ConfigError } from "../errors/blockwork-error.ts";

const TRIGGER_MODES: readonly TriggerMode[] = ["once", "multiple", "always_last"];
const SHOW_PROGRESS: readonly ShowProgress[] = ["full", "minimal", "hidden"];
const API_VISIBILITIES: readonly ApiVisibility[] = ["public", "undocumented", "private"];
/** Gradio's default `max_batch_size`. */
const DEFAULT_MAX_BATCH_SIZE = 4;

export type EventFields = Pick<DependencyConfig, "triggerMode" | "showProgress" | "cancels" | "then" | "success" | "timeoutMs" | "batch" | "apiVisibility" | "description">;

export interface EventOptionsRequest {
  readonly listener: AnyListener;
  readonly events: readonly EventName[];
  readonly queue: boolean;
  readonly describe: string;
}

/**
 * Resolves a listener's lifecycle options to config fields: follow-ups and cancels become dependency ids (via
 * `idOf`), defaults are filled in, and anything the queue could not honour is a compile error naming the listener.
 */
export function resolveEventOptions(request: EventOptionsRequest, idOf: (listener: AnyListener) => number | undefined, queueOf: (id: number) => boolean): EventFields {
  const { listener, describe } = request;
  const { options } = listener;
  const refs = (value: FollowUps | undefined, what: string): number[] =>
    toList(value).map((target, i) => {
      const id = isListener(target) ? idOf(target) : undefined;
      if (id === undefined) throw new ConfigError(`${describe}: ${what}[${i}] must be a listener() value of this app`);
      return id;
    });

  const triggerMode = options.triggerMode ?? (request.events.some((e) => e === "change" || e === "input") ? "always_last" : "once");
  if (!TRIGGER_MODES.includes(triggerMode)) throw new ConfigError(`${describe}: triggerMode must be one of ${TRIGGER_MODES.join(", ")}`);
  const showProgress = options.showProgress ?? "full";
  if (!SHOW_PROGRESS.includes(showProgress)) throw new ConfigError(`${describe}: showProgress must be one of ${SHOW_PROGRESS.join(", ")}`);

  const apiVisibility = options.apiVisibility ?? "public";
  if (!API_VISIBILITIES.includes(apiVisibility)) throw new ConfigError(`${describe}: apiVisibility must be one of ${API_VISIBILITIES.join(", ")}`);

  const cancels = refs(options.cancels, "cancels");
  for (const id of cancels) {
    if (!queueOf(id)) throw new ConfigError(`${describe}: cancels a queue: false listener; only queued jobs can be cancelled`);
  }

  const timeout = options.timeout;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new ConfigError(`${describe}: timeout must be a positive number of milliseconds, got ${String(timeout)}`);
  }

  let batch: EventFields["batch"] = null;
  if (options.batch === true) {
    const maxSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    const waitMs = options.batchWaitMs ?? 0;
    if (!Number.isInteger(maxSize) || maxSize < 1) throw new ConfigError(`${describe}: maxBatchSize must be a positive integer, got ${String(maxSize)}`);
    if (!Number.isFinite(waitMs) || waitMs < 0) throw new ConfigError(`${describe}: batchWaitMs must be a non-negative number, got ${String(waitMs)}`);
    if (!request.queue) throw new ConfigError(`${describe}: batch needs queue: true`);
    if (listener.fn?.constructor.name === "AsyncGeneratorFunction") throw new ConfigError(`${describe}: a batch handler can't stream (it is an async generator)`);
    batch = { maxSize, waitMs };
  } else if (options.maxBatchSize !== undefined || options.batchWaitMs !== undefined) {
    throw new ConfigError(`${describe}: maxBatchSize and batchWaitMs need batch: true`);
  }

  return {
    triggerMode,
    showProgress,
    cancels,
    then: refs(options.then, "then"),
    success: refs(options.success, "success"),
    timeoutMs: timeout ?? null,
    batch,
    apiVisibility,
    description: typeof options.description === "string" ? options.description : null,
  };
}

/** The follow-up listeners of a listener (`then` and `success`), in that order. */
export function followUpsOf(listener: AnyListener): AnyListener[] {
  return [...toList(listener.options.then), ...toList(listener.options.success)].filter(isListener);
}

function toList(value: FollowUps | undefined): readonly AnyListener[] {
  if (value === undefined) return [];
  return isListener(value) ? [value] : (value as readonly AnyListener[]);
}

/** Fails if following `then`/`success` from some dependency leads back to it: the browser would loop forever. */
export function checkFollowUpCycles(dependencies: readonly Pick<DependencyConfig, "id" | "then" | "success">[], describe: (id: number) => string): void {
  const byId = new Map(dependencies.map((d) => [d.id, d]));
  const state = new Map<number, "visiting" | "done">();
  const visit = (id: number): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") throw new ConfigError(`${describe(id)}: its then/success follow-ups lead back to it`);
    state.set(id, "visiting");
    const d = byId.get(id);
    for (const next of [...(d?.then ?? []), ...(d?.success ?? [])]) visit(next);
    state.set(id, "done");
  };
  for (const d of dependencies) visit(d.id);
}
