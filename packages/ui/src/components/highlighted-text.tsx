import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { bool, str } from "./read-props.ts";
import "./small-inputs.css";

/** Colours for labels the app gave none, in order of first appearance. */
const PALETTE = ["#f97316", "#3b82f6", "#22c55e", "#a855f7", "#eab308", "#ec4899", "#14b8a6", "#ef4444"];

/** Text in labelled spans, each label in its colour, with a legend. */
export function HighlightedText({ id, style }: RendererProps) {
  const { type, props, value } = useView(id);
  const spans = toSpans(value);
  const label = str(props, "label");
  const colors = colorsOf(spans, props.colorMap);
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div className="bw-highlighted" role="group" aria-labelledby={label ? controlId(id, "label") : undefined} aria-label={label ? undefined : "Highlighted text"}>
        {spans.length === 0 ? <span className="bw-empty">—</span> : null}
        {spans.map(([text, tag], i) =>
          tag === null ? (
            <span key={i}>{text}</span>
          ) : (
            <mark key={i} className="bw-hl-span" data-label={tag} style={{ ["--bw-span-color" as string]: colors.get(tag) }}>
              {text}
              <span className="bw-hl-tag">{tag}</span>
            </mark>
          ),
        )}
      </div>
      {bool(props, "showLegend") !== false && colors.size > 0 ? (
        <ul className="bw-hl-legend" aria-label="Labels">
          {[...colors].map(([tag, color]) => (
            <li key={tag} style={{ ["--bw-span-color" as string]: color }}>
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
    </Block>
  );
}

function toSpans(value: unknown): [string, string | null][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((span: unknown): [string, string | null][] =>
    Array.isArray(span) && typeof span[0] === "string" && (span[1] === null || typeof span[1] === "string") ? [[span[0], span[1]]] : [],
  );
}

/** Each label's colour: the app's (a CSS colour, checked by the browser), else the next of the palette. */
function colorsOf(spans: readonly [string, string | null][], colorMap: unknown): Map<string, string> {
  const given = typeof colorMap === "object" && colorMap !== null ? (colorMap as Record<string, unknown>) : {};
  const colors = new Map<string, string>();
  for (const [, tag] of spans) {
    if (tag === null || colors.has(tag)) continue;
    const own = Object.hasOwn(given, tag) ? given[tag] : undefined;
    colors.set(tag, typeof own === "string" && CSS.supports("color", own) ? own : PALETTE[colors.size % PALETTE.length]!);
  }
  return colors;
}
