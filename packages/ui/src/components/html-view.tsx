import { useEffect, useState } from "react";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId } from "./field-label.tsx";
import { str } from "./read-props.ts";
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
  const { type, props, value } = useView(id);
  const source = typeof value === "string" ? value : "";
  const label = str(props, "label");
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
  return (
    <Block id={id} type={type} props={props} style={style} panel={false}>
      {label ? (
        <div className="bw-label" id={controlId(id, "label")}>
          {label}
        </div>
      ) : null}
      {/* Sanitised by DOMPurify above; nothing is inserted before it has run. */}
      <div
        className="bw-html"
        role={label ? "group" : undefined}
        aria-labelledby={label ? controlId(id, "label") : undefined}
        aria-busy={html === null}
        dangerouslySetInnerHTML={{ __html: html ?? "" }}
      />
    </Block>
  );
}
