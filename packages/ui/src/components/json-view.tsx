import type { ReactNode } from "react";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { str } from "./read-props.ts";

/** Any JSON value, formatted, with objects and arrays collapsible. */
export function JsonView({ id, style }: RendererProps) {
  const { type, props, value } = useView(id);
  const label = str(props, "label");
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div className="bw-json" role="group" aria-labelledby={label ? controlId(id, "label") : undefined} aria-label={label ? undefined : "JSON"}>
        {value === null || value === undefined ? <span className="bw-empty">—</span> : <JsonNode value={value} depth={0} />}
      </div>
    </Block>
  );
}

function JsonNode({ value, depth, name }: { readonly value: unknown; readonly depth: number; readonly name?: ReactNode }) {
  const key = name === undefined ? null : <span className="bw-json-key">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div className="bw-json-row">
        {key}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className="bw-json-row">
        {key}
        {open + close}
      </div>
    );
  }
  return (
    <details className="bw-json-node" open={depth < 3}>
      <summary>
        {key}
        {open}
        <span className="bw-json-count"> {entries.length} {entries.length === 1 ? "item" : "items"} </span>
      </summary>
      <div className="bw-json-children">
        {entries.map(([k, v]) => (
          <JsonNode key={k} value={v} depth={depth + 1} name={Array.isArray(value) ? k : JSON.stringify(k)} />
        ))}
      </div>
      <div>{close}</div>
    </details>
  );
}

function Scalar({ value }: { readonly value: unknown }) {
  const kind = value === null ? "null" : typeof value;
  return <span className={`bw-json-${kind}`}>{typeof value === "string" ? JSON.stringify(value) : String(value)}</span>;
}
