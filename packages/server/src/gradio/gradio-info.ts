import { definitionOf, fileSlotOf, FILE_VALUE_SCHEMA, type AppConfig, type ComponentConfig, type DependencyConfig, type JsonSchema } from "@blockwork/core";
import { FILE_DATA_SCHEMA } from "./gradio-files.ts";

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
  /**
   * `FileSerializable` on a file parameter: the legacy field `@gradio/client`'s `view_api` still reads to type a
   * file parameter as `Blob | File | Buffer` (what `handle_file` gives); Gradio 5 names an Image's alone.
   */
  readonly serializer?: "FileSerializable";
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
      parameters: dependency.inputs.map((id, i) => ({ ...describeValue(components.get(id), "parameter"), parameter_name: names[i]!, parameter_has_default: false, parameter_default: null })),
      returns: dependency.outputs.map((id) => describeValue(components.get(id), "return")),
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

/**
 * A value's JSON Schema as the Gradio doors take (`parameter`) or give (`return`) it: a file is Gradio's `FileData`
 * there (one, or a list: Gradio lists a file parameter without its `null`), and a parameter also takes Blockwork's
 * own file value; other values as `valueSchema`. A URL input (`Image({ type: "url" })`) takes its URL.
 */
export function gradioValueSchema(component: ComponentConfig | undefined, role: "parameter" | "return"): { readonly schema: JsonSchema; readonly file: boolean; readonly multiple: boolean } {
  const slot = component ? fileSlotOf(component) : undefined;
  if (!slot || (role === "parameter" && slot.urlInput)) return { schema: valueSchema(component), file: false, multiple: false };
  const one = role === "parameter" ? { anyOf: [FILE_DATA_SCHEMA, FILE_VALUE_SCHEMA] } : FILE_DATA_SCHEMA;
  return { schema: slot.multiple ? { type: "array", items: one } : one, file: true, multiple: slot.multiple };
}

function describeValue(component: ComponentConfig | undefined, role: "parameter" | "return"): InfoValue {
  const definition = component ? definitionOf(component.type) : undefined;
  const { schema, file, multiple } = gradioValueSchema(component, role);
  const label = typeof component?.props.label === "string" ? component.props.label : null;
  const name = definition?.name ?? component?.type ?? "unknown";
  if (file) {
    // Gradio's Python client reads `filepath` as "pass handle_file(...)".
    const python_type = { type: multiple ? "List[filepath]" : "filepath", description: "" };
    return { label, component: name, type: schema, python_type, ...(role === "parameter" ? { serializer: "FileSerializable" as const } : {}) };
  }
  const type = typeof schema.type === "string" ? schema.type : "any";
  return { label, component: name, type: schema, python_type: { type, description: "" } };
}

function uniqueName(label: string | null, index: number, used: Set<string>): string {
  const base = (label ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  let name = /^[a-z_]/.test(base) ? base : `input_${index + 1}`;
  while (used.has(name)) name = `${name}_${index + 1}`;
  used.add(name);
  return name;
}
