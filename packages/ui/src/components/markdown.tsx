import { useMarkdown } from "../markdown/use-markdown.ts";
import type { RendererProps } from "./block.tsx";
import { ProseBlock, type ProseBodyProps } from "./prose-block.tsx";
import "./markdown.css";

/** Rendered Markdown: prose on the page, or a handler's formatted output. */
export function Markdown({ id, style }: RendererProps) {
  return <ProseBlock id={id} style={style} body={(source, names) => <MarkdownBody source={source} {...names} />} />;
}

interface MarkdownBodyProps extends Partial<ProseBodyProps> {
  readonly source: string;
}

/** Markdown as sanitised HTML; until the renderer has loaded, the source as plain text, holding its place unseen. */
export function MarkdownBody({ source, role, labelledBy }: MarkdownBodyProps) {
  const html = useMarkdown(source);
  if (html === null) {
    return (
      <div className="bw-prose bw-prose-pending" role={role} aria-labelledby={labelledBy} aria-busy="true">
        {source}
      </div>
    );
  }
  // `useMarkdown` sanitises with DOMPurify, so its HTML is safe to insert.
  return <div className="bw-prose" role={role} aria-labelledby={labelledBy} data-rendered="" dangerouslySetInnerHTML={{ __html: html }} />;
}
