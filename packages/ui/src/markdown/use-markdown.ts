import { useEffect, useState } from "react";
import { renderMarkdown } from "./render-markdown.ts";

/**
 * `source` rendered as sanitised HTML; `null` until the renderer has loaded. While a newer source renders (a
 * streaming chat message), the previous HTML stays, so the text never blinks.
 */
export function useMarkdown(source: string): string | null {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    renderMarkdown(source).then(
      (rendered) => {
        if (current) setHtml(rendered);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [source]);
  return html;
}
