import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import type { Cell } from "../protocol/messages.ts";
import type { CommonProps } from "./common-props.ts";
import { defineComponent, type ConfigProps, type JsonSchema } from "./definition.ts";
import { describe, expected, isPlainObject, stringList } from "./value-checks.ts";

/** How a column's cells are read, shown, sorted and edited. */
export type ColumnType = "str" | "number" | "bool" | "date";

/** A table: its column headers, and its rows of cells (each row as long as `headers`). */
export interface DataframeValue {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const COLUMN_TYPES: readonly string[] = ["str", "number", "bool", "date"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The column types the props set (`datatype`: one for all, or one per column); `str` for the rest. */
export function columnTypes(props: Readonly<Record<string, unknown>>, columns: number): ColumnType[] {
  const { datatype } = props;
  const all = typeof datatype === "string" && COLUMN_TYPES.includes(datatype) ? (datatype as ColumnType) : null;
  const each = stringList(datatype);
  return Array.from({ length: columns }, (_, i) => all ?? (COLUMN_TYPES.includes(each[i] ?? "") ? (each[i] as ColumnType) : "str"));
}

/** Whether `cell` fits a column of `type` (empty, `null`, fits any): what an edited table's cells must be. */
export function cellFits(cell: unknown, type: ColumnType): boolean {
  if (cell === null) return true;
  switch (type) {
    case "number":
      return typeof cell === "number" && Number.isFinite(cell);
    case "bool":
      return typeof cell === "boolean";
    case "date":
      return typeof cell === "string" && ISO_DATE.test(cell) && !Number.isNaN(Date.parse(cell));
    case "str":
      return typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean";
  }
}

const CELL_TYPE: Record<ColumnType, string> = { str: "text", number: "a finite number", bool: "true or false", date: "an ISO date" };

/**
 * `{ headers, rows }` with every row as long as the headers. Inputs (`typed`) also keep each column's type, since
 * the user edited them through typed cells; a handler's output may put any scalar in a cell. Size is bounded by
 * `maxPayloadBytes` (inputs) and by the handler (outputs), not by a cell count: a table of 100,000 rows is fine.
 */
function checkTable(value: unknown, props: ConfigProps, typed: boolean): string | undefined {
  const what = "a table { headers: string[], rows: cell[][] }";
  if (typeof value !== "object" || value === null || Array.isArray(value) || !isPlainObject(value)) return expected(what, value);
  const { headers, rows } = value;
  const extra = Object.keys(value).find((k) => k !== "headers" && k !== "rows");
  if (extra !== undefined) return `expects ${what}; got an extra field ${JSON.stringify(extra.slice(0, 40))}`;
  if (!Array.isArray(headers) || !headers.every((h) => typeof h === "string")) return `expects ${what}; got headers that are not all strings`;
  if (!Array.isArray(rows)) return `expects ${what}; got rows that are ${describe(rows)}`;
  const types = columnTypes(props, headers.length);
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (!Array.isArray(row) || row.length !== headers.length) return `expects rows of ${headers.length} cells; row ${r + 1} is ${describe(row)}`;
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      if (!cellFits(cell, typed ? types[c]! : "str")) {
        const expectedCell = typed ? CELL_TYPE[types[c]!] : "a string, number, boolean or null";
        return `expects ${expectedCell} in row ${r + 1}, column ${JSON.stringify(headers[c])}; got ${describe(cell)}`;
      }
    }
  }
  return undefined;
}

const CELL_SCHEMA: Record<ColumnType, JsonSchema> = {
  str: { type: ["string", "number", "boolean", "null"] },
  number: { type: ["number", "null"] },
  bool: { type: ["boolean", "null"] },
  date: { type: ["string", "null"], format: "date-time" },
};

export const dataframe = defineComponent({
  type: "dataframe",
  name: "Dataframe",
  kind: "value",
  children: "none",
  initial: (props) => ({ headers: [...stringList(props.headers)], rows: [] }),
  checkInput: (value, { props }) => checkTable(value, props, true),
  checkOutput: (value, { props }) => checkTable(value, props, false),
  schema: (props) => {
    const headers = stringList(props.headers);
    const types = columnTypes(props, headers.length);
    const items: JsonSchema =
      headers.length === 0 ? { type: "array" } : { type: "array", prefixItems: types.map((t) => CELL_SCHEMA[t]), minItems: headers.length, maxItems: headers.length };
    return {
      type: "object",
      properties: { headers: { type: "array", items: { type: "string" } }, rows: { type: "array", items: items } },
      required: ["headers", "rows"],
      additionalProperties: false,
    };
  },
});

export interface DataframeProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onChange" | "onInput" | "onSelect", I, O> {
  value?: DataframeValue;
  /** The headers of an empty table, before a value arrives. */
  headers?: readonly string[];
  /** Each column's type (`"str"`, `"number"`, `"bool"`, `"date"`), or one type for all. @default "str" */
  datatype?: ColumnType | readonly ColumnType[];
  /** The table's height in CSS pixels; rows beyond it scroll (only the visible ones are in the page). @default 400 */
  height?: number;
  /** Show a search field that filters the rows. @default true */
  search?: boolean;
}

/**
 * A table: typed columns, sorting by a click on a header, search, virtual scrolling (100,000 rows keep only the
 * visible ones in the page), editable cells as an input, and `onSelect` with the clicked cell
 * (`ctx.eventData`: `{ kind: "cell", index: [row, column], value, row, column }`).
 */
export function Dataframe<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: DataframeProps<I, O> = {},
): Component<DataframeValue> {
  return createComponent(dataframe, props);
}
