import { useView } from "../app/use-stores.ts";
import { useMarkdown } from "../markdown/use-markdown.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId } from "./field-label.tsx";
import { str } from "./read-props.ts";
import "./markdown.css";

/** Rendered Markdown: prose on the page, or a handler's formatted output. */
export function Markdown({ id, style }: RendererProps) {
  const { type, props, value } = useView(id);
  const source = typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
  const label = str(props, "label");
  return (
    <Block id={id} type={type} props={props} style={style} panel={false}>
      {label ? (
        <div className="bw-label" id={controlId(id, "label")}>
          {label}
        </div>
      ) : null}
      <MarkdownBody source={source} role={label ? "group" : undefined} labelledBy={label ? controlId(id, "label") : undefined} />
    </Block>
  );
}

interface MarkdownBodyProps {
  readonly source: string;
  readonly role?: string | undefined;
  readonly labelledBy?: string | undefined;
}

/** Markdown as sanitised HTML; until the renderer has loaded, the source as plain text. */
export function MarkdownBody({ source, role, labelledBy }: MarkdownBodyProps) {
  const html = useMarkdown(source);
  if (html === null) {
    return (
      <div className="bw-prose bw-prose-pending" role={role} aria-labelledby={labelledBy}>
        {source}
      </div>
    );
  }
  // `useMarkdown` sanitises with DOMPurify, so its HTML is safe to insert.
  return <div className="bw-prose" role={role} aria-labelledby={labelledBy} data-rendered="" dangerouslySetInnerHTML={{ __html: html }} />;
}
