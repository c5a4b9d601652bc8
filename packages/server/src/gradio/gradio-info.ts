import { definitionOf, type AppConfig, type ComponentConfig, type DependencyConfig, type JsonSchema } from "@blockwork/core";

/** One parameter or return value of an endpoint, in the shape Gradio's `/info` has, with Blockwork's schema. */
interface InfoValue {
  readonly label: string | null;
  readonly parameter_name?: string;
  readonly parameter_has_default?: boolean;
  readonly parameter_default?: null;
  readonly component: string;
  /** The value's JSON Schema (from the component's definition); Gradio's clients read its `type`. */
  readonly type: JsonSchema;
  readonly python_type: { readonly type: string; readonly description: string };
}

export interface GradioEndpointInfo {
  readonly parameters: readonly InfoValue[];
  readonly returns: readonly InfoValue[];
  readonly type: { readonly generator: boolean; readonly cancel: boolean };
  /** Blockwork's own: the queue the endpoint waits in. */
  readonly queue: { readonly enabled: boolean; readonly group: string | null; readonly concurrencyLimit: number | null };
}

/** Which listeners outside callers may call: those with a handler that isn't a session-end (`unload`) hook. */
export function isCallable(dependency: DependencyConfig): boolean {
  return dependency.hasHandler && !dependency.triggers.some((t) => t.event === "unload");
}

/**
 * `GET <base>gradio_api/info`: every callable listener as Gradio's clients expect (`named_endpoints["/name"]`),
 * which doubles as Blockwork's API schema: each value's JSON Schema and each listener's queue.
 */
export function gradioInfo(config: AppConfig): { named_endpoints: Record<string, GradioEndpointInfo>; unnamed_endpoints: Record<string, never> } {
  const components = new Map(config.components.map((c) => [c.id, c]));
  const named: Record<string, GradioEndpointInfo> = {};
  for (const dependency of config.dependencies) {
    if (!isCallable(dependency) || dependency.apiVisibility !== "public") continue;
    const names = parameterNames(dependency, components);
    named[`/${dependency.apiName}`] = {
      parameters: dependency.inputs.map((id, i) => ({ ...describeValue(components.get(id)), parameter_name: names[i]!, parameter_has_default: false, parameter_default: null })),
      returns: dependency.outputs.map((id) => describeValue(components.get(id))),
      type: { generator: false, cancel: dependency.cancels.length > 0 },
      queue: { enabled: dependency.queue, group: dependency.groupId, concurrencyLimit: dependency.concurrencyLimit },
    };
  }
  return { named_endpoints: named, unnamed_endpoints: {} };
}

/** Each input's keyword name: its label in snake_case, else `input_<n>`, unique within the endpoint. */
export function parameterNames(dependency: DependencyConfig, components: ReadonlyMap<number, ComponentConfig>): string[] {
  const used = new Set<string>();
  return dependency.inputs.map((id, i) => {
    const label = components.get(id)?.props.label;
    return uniqueName(typeof label === "string" ? label : null, i, used);
  });
}

/** The JSON Schema of a component's value, from its definition (`{}`: anything, for a type this version lacks). */
export function valueSchema(component: ComponentConfig | undefined): JsonSchema {
  const definition = component ? definitionOf(component.type) : undefined;
  return definition && component ? definition.schema(component.props) : {};
}

function describeValue(component: ComponentConfig | undefined): InfoValue {
  const definition = component ? definitionOf(component.type) : undefined;
  const schema = valueSchema(component);
  const label = typeof component?.props.label === "string" ? component.props.label : null;
  const type = typeof schema.type === "string" ? schema.type : "any";
  return { label, component: definition?.name ?? component?.type ?? "unknown", type: schema, python_type: { type, description: "" } };
}

function uniqueName(label: string | null, index: number, used: Set<string>): string {
  const base = (label ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  let name = /^[a-z_]/.test(base) ? base : `input_${index + 1}`;
  while (used.has(name)) name = `${name}_${index + 1}`;
  used.add(name);
  return name;
}
