import type { ApiVisibility, EventName, ShowProgress, TriggerMode } from "../dsl/listener.ts";
import type { Json } from "../dsl/node.ts";
import type { ComponentType } from "../components/registry.ts";

/** Bumped when the config or the wire protocol changes incompatibly. */
export const PROTOCOL_VERSION = 1;

/** One component as the UI receives it. Component references in props (e.g. Examples' `inputs`) are ids. */
export interface ComponentConfig {
  readonly id: number;
  /** Its kind (`"textbox"`, `"row"`, …): its definition in core, and its renderer in the UI. */
  readonly type: ComponentType;
  readonly props: Readonly<Record<string, Json>>;
}

/** The page's tree of component ids. */
export interface LayoutNode {
  readonly id: number;
  readonly children?: readonly LayoutNode[];
}

/** An event on a component that fires a dependency. */
export interface TriggerConfig {
  readonly componentId: number;
  readonly event: EventName;
}

/** One listener: what fires it, what it reads and writes, and how it is queued. */
export interface DependencyConfig {
  readonly id: number;
  readonly apiName: string;
  readonly triggers: readonly TriggerConfig[];
  /** Components whose values a client sends in `join.data`, in order (State inputs are the server's own). */
  readonly inputs: readonly number[];
  /** Components that `complete.data` fills, in order (State outputs stay on the server). */
  readonly outputs: readonly number[];
  /** Listed in the API docs (`public`), callable but unlisted (`undocumented`), or for the app's page only (`private`). */
  readonly apiVisibility: ApiVisibility;
  /** What it does, for API callers (the `description` option); `null` when unset. */
  readonly description: string | null;
  /** `false`: runs at once, outside any queue. */
  readonly queue: boolean;
  /** The concurrency group it queues in; `null` when `queue` is false. */
  readonly groupId: string | null;
  /** The group's resolved limit; `null` means unlimited. */
  readonly concurrencyLimit: number | null;
  /** `false` for a listener with no handler (only `cancels` and follow-ups): nothing to join. */
  readonly hasHandler: boolean;
  /** Resolved: explicit, or `"always_last"` when a trigger is a change or input event, else `"once"`. */
  readonly triggerMode: TriggerMode;
  readonly showProgress: ShowProgress;
  /** Components showing the status instead of the outputs; `null`: the outputs. */
  readonly showProgressOn: readonly number[] | null;
  /** Dependencies whose pending jobs in the tab this one cancels when it fires. */
  readonly cancels: readonly number[];
  /** Dependencies run after a job of this one ends (`then`) or completes (`success`). */
  readonly then: readonly number[];
  readonly success: readonly number[];
  /** Run time limit in ms; `null`: none. */
  readonly timeoutMs: number | null;
  /** Batching, when on: at most `maxSize` jobs per call, waiting up to `waitMs` for a batch to fill. */
  readonly batch: { readonly maxSize: number; readonly waitMs: number } | null;
}

/** A queue shared by one or more dependencies, with its resolved limit. */
export interface GroupConfig {
  readonly id: string;
  readonly limit: number | null;
  readonly dependencies: readonly number[];
}

export interface AppQueueConfig {
  readonly defaultConcurrencyLimit: number | null;
  readonly maxSize: number | null;
}

/** Everything the UI and API clients need to know about an app. It carries no functions. */
export interface AppConfig {
  readonly protocolVersion: typeof PROTOCOL_VERSION;
  readonly title: string;
  readonly components: readonly ComponentConfig[];
  readonly layout: LayoutNode;
  readonly dependencies: readonly DependencyConfig[];
  readonly groups: readonly GroupConfig[];
  readonly queue: AppQueueConfig;
  /** The serving host's limits, added by the server (not by `compile`), so that clients can check before sending. */
  readonly limits?: AppLimits;
}

/** What a server accepts, as it tells its clients. */
export interface AppLimits {
  /** The largest message a client may send, in bytes (its JSON encoding). */
  readonly maxPayloadBytes: number;
  /** The largest file `POST <base>upload` accepts, in bytes. */
  readonly maxFileBytes?: number;
}
