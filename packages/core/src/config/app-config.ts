import type { EventName } from "../dsl/listener.ts";
import type { Json } from "../dsl/node.ts";

/** Bumped when the config or the wire protocol changes incompatibly. */
export const PROTOCOL_VERSION = 1;

/** One component as the UI receives it. Component references in props (e.g. Examples' `inputs`) are ids. */
export interface ComponentConfig {
  readonly id: number;
  /** The renderer's name: `"textbox"`, `"row"`, … */
  readonly type: string;
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
  /** `false`: runs at once, outside any queue. */
  readonly queue: boolean;
  /** The concurrency group it queues in; `null` when `queue` is false. */
  readonly groupId: string | null;
  /** The group's resolved limit; `null` means unlimited. */
  readonly concurrencyLimit: number | null;
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
}
