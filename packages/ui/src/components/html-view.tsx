import { useEffect, useState } from "react";
import type { RendererProps } from "./block.tsx";
import { ProseBlock, type ProseBodyProps } from "./prose-block.tsx";
import "./markdown.css";

type Sanitize = (html: string) => string;
let sanitizer: Promise<Sanitize> | null = null;

/** DOMPurify, loaded the first time a page shows an HTML block. */
function loadSanitizer(): Promise<Sanitize> {
  sanitizer ??= import("../sanitize/sanitize-html.ts").then((m) => m.sanitizeHtml);
  return sanitizer;
}

/** A block of HTML, sanitised: markup and styles stay, anything that would run code is dropped. */
export function HtmlView({ id, style }: RendererProps) {
  return <ProseBlock id={id} style={style} body={(source, names) => <HtmlBody source={source} {...names} />} />;
}

function HtmlBody({ source, role, labelledBy }: ProseBodyProps & { readonly source: string }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    loadSanitizer().then(
      (sanitize) => {
        if (current) setHtml(sanitize(source));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [source]);
  // Sanitised by DOMPurify above; nothing is inserted before it has run.
  return <div className="bw-html" role={role} aria-labelledby={labelledBy} aria-busy={html === null} dangerouslySetInnerHTML={{ __html: html ?? "" }} />;
}
