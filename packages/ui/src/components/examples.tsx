import { isFileValue } from "@blockwork/core";
import { useApp } from "../app/app-context.ts";
import { fileHref } from "../files/file-url.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { ids, str } from "./read-props.ts";

/** A table of sample inputs; clicking a row fills the inputs with it. */
export function Examples({ id, style }: RendererProps) {
  const { runner, store } = useApp();
  const { type, props } = useView(id);
  const inputs = ids(props, "inputs");
  const rows = Array.isArray(props.examples) ? props.examples.filter((row): row is unknown[] => Array.isArray(row)) : [];
  const heading = str(props, "label") ?? "Examples";
  const fill = (row: readonly unknown[]) => inputs.forEach((input, i) => runner.setValue(input, row[i] ?? null));
  return (
    <Block id={id} type={type} props={props} style={style}>
      <div className="bw-label">{heading}</div>
      <div className="bw-examples-scroll">
        <table className="bw-examples">
          {inputs.length > 1 ? (
            <thead>
              <tr>
                {inputs.map((input) => (
                  <th key={input} scope="col">
                    {str(store.view(input).props, "label") ?? store.view(input).type}
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody>
            {rows.map((row, r) => (
              <tr
                key={r}
                tabIndex={0}
                data-testid="example"
                onClick={() => fill(row)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    fill(row);
                  }
                }}
              >
                {inputs.map((input, i) => (
                  <td key={input}>
                    <ExampleCell value={row[i]} type={store.view(input).type} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Block>
  );
}

function ExampleCell({ value, type }: { readonly value: unknown; readonly type: string }) {
  if (type === "image" && typeof value === "string" && value !== "") return <img className="bw-example-thumb" src={value} alt="" />;
  // A file the server put in its cache from the app's Examples: a thumbnail for an image, else its name.
  if (isFileValue(value)) return value.mimeType.startsWith("image/") ? <img className="bw-example-thumb" src={fileHref(value)!} alt={value.name} /> : <>{value.name}</>;
  if (Array.isArray(value) && value.length > 0 && value.every(isFileValue)) return <>{value.map((file) => file.name).join(", ")}</>;
  if (value === null || value === undefined) return <span className="bw-empty">—</span>;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return <>{String(value)}</>;
  return <code>{JSON.stringify(value)}</code>;
}
