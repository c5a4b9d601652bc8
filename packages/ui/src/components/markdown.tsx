import { useMemo } from "react";
import { useView } from "../app/use-stores.ts";
import { renderMarkdown } from "../markdown/render-markdown.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId } from "./field-label.tsx";
import { str } from "./read-props.ts";

/** Rendered Markdown: prose on the page, or a handler's formatted output. */
export function Markdown({ id, style }: RendererProps) {
  const { type, props, value } = useView(id);
  const source = typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
  // renderMarkdown escapes all source text, so its HTML is safe to insert.
  const html = useMemo(() => renderMarkdown(source), [source]);
  const label = str(props, "label");
  return (
    <Block id={id} type={type} props={props} style={style} panel={false}>
      {label ? (
        <div className="bw-label" id={controlId(id, "label")}>
          {label}
        </div>
      ) : null}
      <div
        className="bw-prose"
        role={label ? "group" : undefined}
        aria-labelledby={label ? controlId(id, "label") : undefined}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </Block>
  );
}
