import { ConfigError } from "../errors/blockwork-error.ts";
import type { Handler } from "./handler-types.ts";
import { isListener, listener, type AnyListener, type EventName, type ListenerBinding, type ListenerOptions } from "./listener.ts";
import { flattenChildren, isComponent, NODE, type AnyComponent, type Child, type Component, type Json } from "./node.ts";

/** An event prop takes a bare handler (wired by the element's own `inputs`/`outputs`) or a `listener()` value. */
export type EventProp<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> = Handler<I, O> | AnyListener;

/** Listener options an element's own handler takes: all but batching, whose handlers are written with `listener()`. */
export type ElementListenerOptions<I extends readonly AnyComponent[], O extends readonly AnyComponent[]> = Omit<
  ListenerOptions<I, O>,
  "batch" | "maxBatchSize" | "batchWaitMs"
>;

/** Event props `E` of an element, plus the wiring that applies to a bare handler among them. */
export type Wiring<E extends string, I extends readonly AnyComponent[], O extends readonly AnyComponent[]> = {
  [K in E]?: EventProp<I, O>;
} & ElementListenerOptions<I, O>;

const EVENT_PROPS: Readonly<Record<string, EventName>> = {
  onClick: "click",
  onSubmit: "submit",
  onChange: "change",
  onInput: "input",
  onRelease: "release",
  onSelect: "select",
  onUpload: "upload",
  onTick: "tick",
  onLoad: "load",
  onUnload: "unload",
};

const WIRING_KEYS = new Set([
  "inputs",
  "outputs",
  "concurrencyLimit",
  "concurrencyId",
  "apiName",
  "apiVisibility",
  "description",
  "queue",
  "timeout",
  "cancels",
  "then",
  "success",
  "triggerMode",
  "showProgress",
  "showProgressOn",
]);
const BATCH_KEYS = new Set(["batch", "maxBatchSize", "batchWaitMs"]);

/** How an element treats what stands between its tags. */
export type ChildrenMode = "layout" | "value" | "none";

export interface ComponentSpec {
  readonly type: string;
  readonly children: ChildrenMode;
  /** Props holding lists of components (e.g. Examples' `inputs`), turned into ids by `compile`. */
  readonly refProps?: readonly string[];
  /** Its props hold no listener wiring (Blocks, whose `queue` prop is the app's queue settings). */
  readonly noWiring?: boolean;
  /** Server-only initial value (State). */
  readonly serverValue?: { readonly initial: unknown };
}

/** Builds an element from its props: splits off listeners, wiring, children and component references. */
export function createComponent<T, O = T>(spec: ComponentSpec, rawProps: object): Component<T, O> {
  const props: Record<string, Json | undefined> = {};
  const wiring: Record<string, unknown> = {};
  const refs: Record<string, readonly AnyComponent[]> = {};
  const bareHandlers: [EventName, Handler<any, any>][] = [];
  const listeners: ListenerBinding[] = [];
  let children: AnyComponent[] = [];

  for (const [key, value] of Object.entries(rawProps)) {
    if (value === undefined) continue;
    const event = EVENT_PROPS[key];
    if (event !== undefined) {
      if (isListener(value)) listeners.push({ event, listener: value, fromElement: false });
      else if (typeof value === "function") bareHandlers.push([event, value as Handler<any, any>]);
      else throw new ConfigError(`${spec.type}: ${key} must be a function or a listener() value`);
    } else if (spec.refProps?.includes(key)) {
      if (!Array.isArray(value) || !value.every(isComponent)) {
        throw new ConfigError(`${spec.type}: ${key} must be a list of components`);
      }
      refs[key] = value;
    } else if (WIRING_KEYS.has(key) && !spec.noWiring) {
      wiring[key] = value;
    } else if (BATCH_KEYS.has(key) && !spec.noWiring) {
      throw new ConfigError(`${spec.type}: ${key} belongs on a listener() value (a batch handler takes arrays)`);
    } else if (key === "children") {
      const flat = flattenChildren(value as Child);
      if (spec.children === "layout") children = flat.map(asLayoutChild);
      else if (spec.children === "value") props.value = flat.map((c) => (typeof c === "string" ? c : "")).join("");
      else if (flat.length > 0) throw new ConfigError(`${spec.type} takes no children`);
    } else {
      props[key] = asJson(spec.type, key, value);
    }
  }

  const hasWiring = Object.keys(wiring).length > 0;
  if (hasWiring && bareHandlers.length !== 1) {
    throw new ConfigError(
      `${spec.type}: inputs, outputs and queue options on an element need exactly one handler on it ` +
        `(found ${bareHandlers.length}); wire several with listener()`,
    );
  }
  for (const [event, fn] of bareHandlers) {
    listeners.push({ event, listener: listener(fn, wiring as ListenerOptions<any, any> & { batch?: false }), fromElement: true });
  }

  return {
    [NODE]: true,
    type: spec.type,
    props,
    children,
    listeners,
    ...(Object.keys(refs).length > 0 ? { refs } : {}),
    ...(spec.serverValue ? { serverValue: spec.serverValue } : {}),
  };
}

function asLayoutChild(child: AnyComponent | string): AnyComponent {
  if (typeof child !== "string") return child;
  // Text placed straight in a layout reads as prose, as it would on a page.
  return createComponent({ type: "markdown", children: "value" }, { value: child });
}

function asJson(type: string, key: string, value: unknown): Json {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ConfigError(`${type}: ${key} must be a finite number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => asJson(type, `${key}[${i}]`, v));
  if (typeof value === "object" && !isComponent(value) && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = asJson(type, `${key}.${k}`, v);
    return out;
  }
  throw new ConfigError(`${type}: ${key} must be JSON data (string, number, boolean, null, array or plain object)`);
}
