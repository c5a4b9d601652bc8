import type { AppConfig, ComponentConfig, DependencyConfig } from "../config/app-config.ts";

/** Bounds on one value, so that a valid-looking value can't be a denial of service. */
export interface ValueLimits {
  /**
   * The longest image value (a data URI or URL), in characters.
   * @default 10_000_000
   */
  readonly maxImageChars: number;
  /**
   * How deeply arrays and objects may nest in a Json value (and in any value of an unknown component type).
   * @default 64
   */
  readonly maxDepth: number;
  /**
   * How many array items and object fields one value may hold in all.
   * @default 100_000
   */
  readonly maxNodes: number;
}

export const DEFAULT_VALUE_LIMITS: ValueLimits = { maxImageChars: 10_000_000, maxDepth: 64, maxNodes: 100_000 };

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

const NAMES: Readonly<Record<string, string>> = {
  textbox: "Textbox",
  number: "NumberBox",
  slider: "Slider",
  checkbox: "Checkbox",
  dropdown: "Dropdown",
  radio: "Radio",
  image: "Image",
  markdown: "Markdown",
  json: "Json",
  label: "Label",
  button: "Button",
  clearbutton: "ClearButton",
};

/** Builds the checks for `config`'s components. Pure: runs in the server, the client and the browser. */
export function createValueChecker(config: AppConfig, limits: Partial<ValueLimits> = {}): ValueChecker {
  const bounds: ValueLimits = { ...DEFAULT_VALUE_LIMITS, ...limits };
  const components = new Map(config.components.map((c) => [c.id, c]));
  return {
    inputs(dependency, data, choicesOf) {
      if (data.length !== dependency.inputs.length) {
        const expected = dependency.inputs.length;
        return `${dependency.apiName} takes ${expected} input${expected === 1 ? "" : "s"}; got ${data.length}.`;
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
 * Checks a value a client sends for `component`: the phrase after "input … " when it is wrong ("expects a
 * string; got a number"), otherwise undefined. Choices come from the config unless `choices` overrides them;
 * `null` accepts any string as a choice.
 */
export function checkInputValue(component: ComponentConfig, value: unknown, limits: ValueLimits = DEFAULT_VALUE_LIMITS, choices?: readonly string[] | null): string | undefined {
  const props = component.props;
  switch (component.type) {
    case "textbox":
    case "markdown":
    case "button":
    case "clearbutton":
      return typeof value === "string" ? undefined : expected("a string", value);
    case "number":
      return checkNumber(value, numberProp(props.minimum), numberProp(props.maximum));
    case "slider":
      return checkNumber(value, numberProp(props.minimum) ?? 0, numberProp(props.maximum) ?? 100);
    case "checkbox":
      return typeof value === "boolean" ? undefined : expected("true or false", value);
    case "dropdown":
    case "radio": {
      const allowed = choices === undefined ? stringList(props.choices) : choices;
      const isChoice = (v: unknown): boolean => typeof v === "string" && (allowed === null || allowed.includes(v));
      const shown = allowed === null ? "strings" : listChoices(allowed);
      if (component.type === "dropdown" && props.multiselect === true) {
        if (!Array.isArray(value)) return expected(`a list of choices from ${shown}`, value);
        if (allowed !== null && value.length > allowed.length) return `expects at most ${allowed.length} choices; got ${value.length}`;
        const bad = value.find((v) => !isChoice(v));
        return bad === undefined ? undefined : `expects only choices from ${shown}; got ${describe(bad)}`;
      }
      if (value === null || isChoice(value)) return undefined;
      return expected(`one of ${shown} or null`, value);
    }
    case "image":
      return checkImage(value, limits, false);
    case "label":
      return checkLabel(value, limits);
    default:
      return checkJson(value, limits);
  }
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
  switch (component.type) {
    case "textbox":
    case "markdown":
    case "button":
    case "clearbutton":
      return typeof value === "string" ? undefined : expected("a string", value);
    case "number":
    case "slider":
      return typeof value === "number" && Number.isFinite(value) ? undefined : expected("a finite number", value);
    case "checkbox":
      return typeof value === "boolean" ? undefined : expected("true or false", value);
    case "dropdown":
      if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? undefined : expected("a list of strings", value);
      return typeof value === "string" ? undefined : expected("a string, a list of strings or null", value);
    case "radio":
      return typeof value === "string" ? undefined : expected("a string or null", value);
    case "image":
      return checkImage(value, limits, true);
    case "label":
      return checkLabel(value, limits);
    default:
      return checkJson(value, limits);
  }
}

function isUpdateValue(value: unknown): value is { readonly __update__: Record<string, unknown> } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "__update__" in value;
}

function checkNumber(value: unknown, min: number | undefined, max: number | undefined): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return expected("a finite number", value);
  if (min !== undefined && value < min) return `expects a number of at least ${min}; got ${value}`;
  if (max !== undefined && value > max) return `expects a number of at most ${max}; got ${value}`;
  return undefined;
}

const DATA_IMAGE = /^data:image\/[\w.+-]+(;[\w=.+-]+)*,/i;

/**
 * An image is an http(s) URL or a `data:image/…` URI; an output may also be a relative URL (the app's own
 * `file/…` route). Other schemes (`javascript:`, `file:`, `data:text/html`) never reach a page.
 */
function checkImage(value: unknown, limits: ValueLimits, allowRelative: boolean): string | undefined {
  const what = allowRelative ? "an http(s) URL, a relative URL, a data:image URI or null" : "an http(s) URL, a data:image URI or null";
  if (value === null) return undefined;
  if (typeof value !== "string") return expected(what, value);
  if (value.length > limits.maxImageChars) return `expects an image of at most ${limits.maxImageChars} characters; got ${value.length}`;
  if (DATA_IMAGE.test(value)) return undefined;
  if (/^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value)) return undefined;
  if (allowRelative && value !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith("//") && !/[\s\\]/.test(value)) return undefined;
  return `expects ${what}; got ${describe(value)}`;
}

function checkLabel(value: unknown, limits: ValueLimits): string | undefined {
  if (value === null || typeof value === "string") return undefined;
  const what = "a label, an object of confidences per label, or null";
  if (typeof value !== "object" || Array.isArray(value) || !isPlainObject(value)) return expected(what, value);
  const entries = Object.values(value);
  if (entries.length > limits.maxNodes) return `expects at most ${limits.maxNodes} labels; got ${entries.length}`;
  return entries.every((v) => typeof v === "number" && Number.isFinite(v)) ? undefined : `expects ${what}; got an object with a non-number confidence`;
}

/** Plain JSON within the depth and size limits: no functions, symbols, bigints, non-finite numbers or binary. */
function checkJson(value: unknown, limits: ValueLimits): string | undefined {
  let nodes = 0;
  const walk = (v: unknown, depth: number): string | undefined => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return undefined;
    if (typeof v === "number") return Number.isFinite(v) ? undefined : `expects JSON; got ${describe(v)}`;
    if (typeof v !== "object") return `expects JSON; got ${describe(v)}`;
    if (depth >= limits.maxDepth) return `expects JSON nested at most ${limits.maxDepth} levels deep`;
    const children = Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : null;
    if (children === null) return `expects JSON; got ${describe(v)}`;
    nodes += children.length;
    if (nodes > limits.maxNodes) return `expects JSON of at most ${limits.maxNodes} items and fields`;
    for (const child of children) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(value, 0);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const numberProp = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

const stringList = (value: unknown): readonly string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

function listChoices(choices: readonly string[]): string {
  const shown = choices.slice(0, 10).map((c) => JSON.stringify(c.length > 40 ? `${c.slice(0, 40)}…` : c));
  return `[${shown.join(", ")}${choices.length > 10 ? `, … (${choices.length} in all)` : ""}]`;
}

function expected(what: string, got: unknown): string {
  return `expects ${what}; got ${describe(got)}`;
}

/** A short description of an untrusted value: its kind and a glimpse, never the whole of it. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "string") return value.length > 40 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`;
  if (typeof value === "number") return Number.isFinite(value) ? `the number ${value}` : `${value}`;
  if (typeof value === "boolean") return `${value}`;
  if (typeof value === "bigint") return "a bigint";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return "binary data";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return isPlainObject(value) ? "an object" : `an instance of ${(value as { constructor?: { name?: string } }).constructor?.name ?? "a class"}`;
}

function describeComponent(component: ComponentConfig): string {
  const name = NAMES[component.type] ?? component.type;
  const label = component.props.label;
  const kind = `${/^[aeiou]/i.test(name) ? "an" : "a"} ${name}`;
  return typeof label === "string" && label !== "" ? `${JSON.stringify(label)}, ${kind}` : kind;
}
