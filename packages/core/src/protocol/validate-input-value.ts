import type { AppConfig, ComponentConfig, DependencyConfig } from "../config/app-config.ts";
import { definitionOf } from "../components/registry.ts";
import { checkJson, DEFAULT_VALUE_LIMITS, expected, isUpdateValue, type ValueLimits } from "../components/value-checks.ts";

export { DEFAULT_VALUE_LIMITS, describe, type ValueLimits } from "../components/value-checks.ts";

/** The value checks of one app: inputs of a `join` (server and client) and outputs of a handler (server). */
export interface ValueChecker {
  /**
   * Checks a join's input values against its dependency's input components; a sentence naming the input and
   * what it expected, or undefined when every value is fine. `choicesOf` gives a component's current choices
   * where a handler changed them for this session (`undefined`: the config's), or `null` where the caller
   * doesn't know them (any string is then accepted).
   */
  inputs(dependency: DependencyConfig, data: readonly unknown[], choicesOf?: (componentId: number) => readonly string[] | null | undefined): string | undefined;
  /** Checks one value (bare, or an `update()`'s value) a handler gave an output component. */
  output(componentId: number, value: unknown): string | undefined;
}

/** Builds the checks for `config`'s components. Pure: runs in the server, the client and the browser. */
export function createValueChecker(config: AppConfig, limits: Partial<ValueLimits> = {}): ValueChecker {
  const bounds: ValueLimits = { ...DEFAULT_VALUE_LIMITS, ...limits };
  const components = new Map(config.components.map((c) => [c.id, c]));
  return {
    inputs(dependency, data, choicesOf) {
      if (data.length !== dependency.inputs.length) {
        const count = dependency.inputs.length;
        return `${dependency.apiName} takes ${count} input${count === 1 ? "" : "s"}; got ${data.length}.`;
      }
      for (let i = 0; i < data.length; i++) {
        const component = components.get(dependency.inputs[i]!);
        if (!component) continue;
        const problem = checkInputValue(component, data[i], bounds, choicesOf?.(component.id));
        if (problem) return `${dependency.apiName}: input ${i + 1} (${describeComponent(component)}) ${problem}.`;
      }
      return undefined;
    },
    output(componentId, value) {
      const component = components.get(componentId);
      if (!component) return undefined;
      const problem = checkOutputValue(component, value, bounds);
      return problem ? `output ${describeComponent(component)} ${problem}` : undefined;
    },
  };
}

/**
 * Checks a value a client sends for `component` by its definition: the phrase after "input … " when it is wrong
 * ("expects a string; got a number"), otherwise undefined. Choices come from the config unless `choices` overrides
 * them; `null` accepts any string as a choice. A type this version doesn't know takes JSON within the limits.
 */
export function checkInputValue(component: ComponentConfig, value: unknown, limits: ValueLimits = DEFAULT_VALUE_LIMITS, choices?: readonly string[] | null): string | undefined {
  const definition = definitionOf(component.type);
  if (!definition) return checkJson(value, limits);
  return definition.checkInput(value, { props: component.props, limits, ...(choices === undefined ? {} : { choices }) });
}

/**
 * Checks a value a handler returns for `component`: its type, so that the page can show it (choices and
 * ranges are not enforced: a handler may set a value a user could not pick). `null` clears any output.
 */
export function checkOutputValue(component: ComponentConfig, value: unknown, limits: ValueLimits = DEFAULT_VALUE_LIMITS): string | undefined {
  if (isUpdateValue(value)) {
    const props = value.__update__;
    if (typeof props !== "object" || props === null) return "got an update without props";
    if ("choices" in props && !(Array.isArray(props.choices) && props.choices.every((c) => typeof c === "string"))) {
      return expected("update choices as a list of strings", props.choices);
    }
    return "value" in props ? checkOutputValue(component, props.value, limits) : undefined;
  }
  if (value === null) return undefined;
  const definition = definitionOf(component.type);
  if (!definition) return checkJson(value, limits);
  return definition.checkOutput(value, { props: component.props, limits });
}

/** How an error message names a component: its label and kind (`"Seed", a NumberBox`), or its kind alone. */
export function describeComponent(component: ComponentConfig): string {
  const name = definitionOf(component.type)?.name ?? component.type;
  const label = component.props.label;
  const kind = `${/^[aeiou]/i.test(name) ? "an" : "a"} ${name}`;
  return typeof label === "string" && label !== "" ? `${JSON.stringify(label)}, ${kind}` : kind;
}
