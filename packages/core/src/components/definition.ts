import type { ChildrenMode } from "../dsl/create-component.ts";
import type { Json } from "../dsl/node.ts";
import type { ValueLimits } from "./value-checks.ts";

/** A component's props as the config carries them (JSON). */
export type ConfigProps = Readonly<Record<string, Json | undefined>>;

/** A JSON Schema (draft 2020-12) describing a component's value, for the API page and tool descriptions. */
export type JsonSchema = { readonly [keyword: string]: Json };

/** What a value check gets besides the value. */
export interface CheckContext {
  readonly props: ConfigProps;
  readonly limits: ValueLimits;
  /**
   * The choices a handler gave this session's component (Dropdown, Radio), overriding the config's; `undefined`:
   * the config's; `null`: unknown to the caller, so any string passes.
   */
  readonly choices?: readonly string[] | null;
}

/**
 * Everything about one kind of component but its renderer, in one place: how the DSL builds it, its value
 * before any edit, the checks of the values a client sends and a handler returns, and its value's JSON Schema.
 * The server, the client and the UI all read it from here.
 */
export interface ComponentDefinition<Type extends string = string, Kind extends ComponentKind = ComponentKind> {
  /** The config's `type`, and the UI renderer's key. */
  readonly type: Type;
  /** Its name in the DSL, for error messages ("Textbox"). */
  readonly name: string;
  readonly kind: Kind;
  /** How the element treats what stands between its tags. */
  readonly children: ChildrenMode;
  /** Props holding lists of components, turned into ids by `compile`. */
  readonly refProps?: readonly string[];
  /** Its props hold no listener wiring (Blocks, whose `queue` prop is the app's queue settings). */
  readonly noWiring?: boolean;
  /** The value before any edit when the props set none. */
  initial(props: ConfigProps): Json;
  /** What is wrong with a value a client sent for it (the phrase after "input 1 (a Textbox) "), or undefined. */
  checkInput(value: unknown, context: CheckContext): string | undefined;
  /** What is wrong with a value a handler returned for it (`null` is checked before: it always clears). */
  checkOutput(value: unknown, context: CheckContext): string | undefined;
  /** Its value's JSON Schema, given its props (choices, ranges). */
  schema(props: ConfigProps): JsonSchema;
  /**
   * Its value holds files (given its props): the server swaps each file value a client sends for the one its
   * file store issued (refusing any other) and stores each file a handler returns, before and after the handler.
   */
  files?(props: ConfigProps): FileSlot;
}

/** How a component's value holds files. */
export interface FileSlot {
  /** An array of files rather than one. */
  readonly multiple: boolean;
  /** The types it accepts (see `matchesFileTypes`); none: any. */
  readonly fileTypes?: readonly string[];
  /** Its inputs are URLs, not files (`Image({ type: "url" })`): only what handlers return is stored. */
  readonly urlInput?: boolean;
  /**
   * Its value is a list of `{ image, caption }` items (a Gallery), each holding one file in `image` (or an http(s)
   * URL, passed as is); `multiple` is then true. A handler's items may also be `[image, caption]` or a bare image.
   */
  readonly captioned?: boolean;
}

/** `layout`: holds components; `value`: a leaf with a value the page shows; `hidden`: no place on the page. */
export type ComponentKind = "layout" | "value" | "hidden";

/** Declares a component kind, keeping its `type` and `kind` as literals for the unions of component types. */
export function defineComponent<const Type extends string, const Kind extends ComponentKind>(
  definition: ComponentDefinition<Type, Kind>,
): ComponentDefinition<Type, Kind> {
  return definition;
}

/** A schema that also allows `null` (a cleared value). */
export function nullable(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: "null" }] };
}

/** A value of any of these schemas. */
export function anyOf(...schemas: JsonSchema[]): JsonSchema {
  return { anyOf: schemas };
}

/** For components with no value of their own (layouts, Examples): anything JSON, as the config allows. */
export const NO_VALUE = { initial: (): Json => null, schema: (): JsonSchema => ({}) } as const;
