import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { num, str } from "./read-props.ts";

/** A classification: the top label as a headline, then the top confidences as bars. */
export function LabelView({ id, style }: RendererProps) {
  const { type, props, value } = useView(id);
  const confidences = toConfidences(value);
  const top = num(props, "numTopClasses");
  const shown = top === undefined ? confidences : confidences.slice(0, Math.max(0, top));
  const label = str(props, "label");
  const headline = typeof value === "string" ? value : (confidences[0]?.[0] ?? null);
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div role="group" aria-labelledby={label ? controlId(id, "label") : undefined} aria-label={label ? undefined : "Label"}>
        <div className="bw-label-headline" data-testid="label-headline">
          {headline ?? <span className="bw-empty">—</span>}
        </div>
        {shown.length > 0 ? (
          <ul className="bw-confidences">
            {shown.map(([name, confidence]) => (
              <li key={name}>
                <div className="bw-confidence-text">
                  <span>{name}</span>
                  <span>{Math.round(confidence * 100)}%</span>
                </div>
                <div className="bw-confidence-track">
                  <div className="bw-confidence-fill" style={{ width: `${Math.min(1, Math.max(0, confidence)) * 100}%` }} />
                </div>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Block>
  );
}

function toConfidences(value: unknown): [string, number][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .sort((a, b) => b[1] - a[1]);
}
