import { PROTOCOL_VERSION, type AppConfig, type ComponentConfig, type DependencyConfig } from "../config/app-config.ts";
import type { AnyListener, EventName } from "../dsl/listener.ts";
import type { AnyComponent, Json } from "../dsl/node.ts";
import { isComponent } from "../dsl/node.ts";
import { ConfigError } from "../errors/blockwork-error.ts";
import { isComponentType } from "../components/registry.ts";
import { assignIds, labelOf, type IdTable } from "./assign-ids.ts";
import type { CompiledApp, HandlerEntry, ValueSlot } from "./compiled-app.ts";
import { resolveApiNames } from "./resolve-api-names.ts";
import { checkFollowUpCycles, followUpsOf, resolveEventOptions } from "./resolve-event-options.ts";
import { resolveGroups, validateLimit } from "./resolve-groups.ts";

interface Gathered {
  readonly listener: AnyListener;
  readonly triggers: { componentId: number; event: EventName; owner: AnyComponent }[];
}

/** Compiles an app (a `<Blocks>` element) to its JSON config and its server-side handler table. */
export function compile(app: unknown): CompiledApp {
  if (!isComponent(app) || app.type !== "blocks") {
    throw new ConfigError("compile() takes a <Blocks> element as the app's root");
  }
  const table = assignIds(app);
  const gathered = gatherListeners(table);
  const describe = (g: Gathered): string => {
    const first = g.triggers[0];
    const fnName = g.listener.fn?.name || (g.listener.fn ? "anonymous handler" : "handler-less");
    return first ? `listener ${fnName} (${first.event} on ${first.owner.type}${labelOf(first.owner)})` : `listener ${fnName}`;
  };

  const apiNames = resolveApiNames(
    gathered.map((g) => ({ explicit: g.listener.options.apiName, fallback: g.listener.fn?.name || "predict", describe: describe(g) })),
  );

  const queueOptions = (app.props.queue ?? {}) as { defaultConcurrencyLimit?: number | null; maxSize?: number | null };
  const defaultLimit = queueOptions.defaultConcurrencyLimit === undefined ? 1 : queueOptions.defaultConcurrencyLimit;
  validateLimit(defaultLimit, "Blocks queue.defaultConcurrencyLimit");
  const maxSize = queueOptions.maxSize ?? null;
  if (maxSize !== null && (!Number.isInteger(maxSize) || maxSize < 0)) {
    throw new ConfigError(`Blocks queue.maxSize must be a non-negative integer or null, got ${String(maxSize)}`);
  }

  const resolveRefs = (components: readonly AnyComponent[] | undefined, what: string, where: string): number[] =>
    (components ?? []).map((c, i) => {
      if (!isComponent(c)) throw new ConfigError(`${where}: ${what}[${i}] is not a component`);
      const id = table.register(c);
      if (id === undefined) throw new ConfigError(`${where}: ${what}[${i}] (a ${c.type}${labelOf(c)}) is not in the app's layout`);
      return id;
    });

  const handlers = new Map<number, HandlerEntry>();
  const queued: { index: number; listener: AnyListener }[] = [];
  const dependencyOf = new Map(gathered.map((g, index) => [g.listener, index]));
  const queueOf = (index: number): boolean => gathered[index]!.listener.fn !== null && (gathered[index]!.listener.options.queue ?? true);
  const partial = gathered.map((g, index) => {
    const where = describe(g);
    const { options, fn } = g.listener;
    const inputIds = resolveRefs(options.inputs, "inputs", where);
    const outputIds = resolveRefs(options.outputs, "outputs", where);
    const inputSlots = toSlots(inputIds, table);
    const outputSlots = toSlots(outputIds, table);
    const inputs = inputIds.filter((_, i) => "wire" in inputSlots[i]!);
    const outputs = outputIds.filter((_, i) => "wire" in outputSlots[i]!);
    const apiName = apiNames[index]!;
    if (g.triggers.some((t) => t.event === "unload") && (inputs.length > 0 || outputs.length > 0)) {
      throw new ConfigError(`${where}: an onUnload listener runs after the tab is gone, so its inputs and outputs can only be State`);
    }
    if (fn === null && (outputs.length > 0 || options.queue !== undefined || options.concurrencyLimit !== undefined || options.concurrencyId !== undefined)) {
      throw new ConfigError(`${where}: a listener without a handler has no outputs and no queue options`);
    }
    if (fn !== null) handlers.set(index, { dependencyId: index, apiName, fn: fn as HandlerEntry["fn"], inputs: inputSlots, outputs: outputSlots });
    const queue = fn !== null && (options.queue ?? true);
    if (queue) queued.push({ index, listener: g.listener });
    else if (options.concurrencyLimit !== undefined || options.concurrencyId !== undefined) {
      throw new ConfigError(`${where}: concurrencyLimit and concurrencyId need queue: true`);
    }
    const events = resolveEventOptions({ listener: g.listener, events: g.triggers.map((t) => t.event), queue, describe: where }, (l) => dependencyOf.get(l), queueOf);
    const showProgressOn = options.showProgressOn === undefined ? null : resolveRefs(options.showProgressOn, "showProgressOn", where);
    return {
      id: index,
      apiName,
      triggers: g.triggers.map(({ componentId, event }) => ({ componentId, event })),
      inputs,
      outputs,
      queue,
      hasHandler: fn !== null,
      ...events,
      showProgressOn,
    };
  });
  checkFollowUpCycles(partial, (id) => describe(gathered[id]!));

  const groups = resolveGroups(
    queued.map(({ index, listener }) => ({
      dependencyId: index,
      apiName: apiNames[index]!,
      limit: listener.options.concurrencyLimit,
      concurrencyId: listener.options.concurrencyId,
      describe: describe(gathered[index]!),
    })),
    defaultLimit,
  );
  const groupOf = new Map<number, { id: string; limit: number | null }>();
  for (const group of groups) for (const dep of group.dependencies) groupOf.set(dep, group);

  const dependencies: DependencyConfig[] = partial.map((d) => {
    const group = groupOf.get(d.id);
    return { ...d, groupId: group?.id ?? null, concurrencyLimit: group ? group.limit : null };
  });

  const stateInitials = new Map<number, unknown>();
  const components: ComponentConfig[] = [];
  for (const [component, id] of table.ids) {
    if (component.serverValue) {
      // State stays on the server: it is neither in the config nor in any message.
      stateInitials.set(id, component.serverValue.initial);
      continue;
    }
    const { type } = component;
    // Elements made by hand rather than by the DSL's functions could name anything.
    if (!isComponentType(type)) throw new ConfigError(`unknown component type "${type}": build components with Blockwork's functions (Textbox, Button, …)`);
    components.push({ id, type, props: componentProps(component, id, dependencies, table) });
  }
  components.sort((a, b) => a.id - b.id);

  const title = typeof app.props.title === "string" ? app.props.title : "Blockwork";
  const config: AppConfig = {
    protocolVersion: PROTOCOL_VERSION,
    title,
    components,
    layout: table.layout,
    dependencies,
    groups,
    queue: { defaultConcurrencyLimit: defaultLimit, maxSize },
  };
  return { config, handlers, stateInitials };
}

/** Maps component ids to where their values travel: wire positions count only the non-State ones. */
function toSlots(ids: readonly number[], table: IdTable): ValueSlot[] {
  let wire = 0;
  return ids.map((id) => (table.componentOf(id)?.serverValue !== undefined ? { state: id } : { wire: wire++ }));
}

/**
 * Every listener once, with all the triggers it sits on: those on components in layout order, then the
 * follow-ups (`then`/`success`) they reach that sit on no trigger.
 */
function gatherListeners(table: IdTable): Gathered[] {
  const byListener = new Map<AnyListener, Gathered>();
  const add = (listener: AnyListener): Gathered => {
    let g = byListener.get(listener);
    if (!g) {
      g = { listener, triggers: [] };
      byListener.set(listener, g);
    }
    return g;
  };
  for (const [component, componentId] of table.ids) {
    for (const binding of component.listeners) add(binding.listener).triggers.push({ componentId, event: binding.event, owner: component });
  }
  for (const g of byListener.values()) for (const next of followUpsOf(g.listener)) add(next);
  return [...byListener.values()];
}

function componentProps(component: AnyComponent, id: number, dependencies: readonly DependencyConfig[], table: IdTable): Record<string, Json> {
  const props: Record<string, Json> = {};
  for (const [key, value] of Object.entries(component.props)) if (value !== undefined) props[key] = value;
  for (const [key, refs] of Object.entries(component.refs ?? {})) {
    props[key] = refs.map((ref, i) => {
      const refId = table.register(ref);
      if (refId === undefined) throw new ConfigError(`${component.type}${labelOf(component)}: ${key}[${i}] is not in the app's layout`);
      return refId;
    });
  }
  if (props.interactive === undefined) {
    // As in Gradio: a component that is only ever written by handlers is read-only.
    const isInput = dependencies.some((d) => d.inputs.includes(id));
    const isOutput = dependencies.some((d) => d.outputs.includes(id));
    const isTrigger = component.listeners.length > 0;
    props.interactive = isInput || isTrigger || !isOutput;
  }
  return props;
}
