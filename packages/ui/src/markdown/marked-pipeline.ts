import { Marked, type MarkedExtension } from "marked";
import { sanitizeHtml } from "../sanitize/sanitize-html.ts";

/** Markdown to sanitised HTML with GitHub's flavour (tables, task lists, strikethrough, autolinks) and `extensions`. */
export function createMarkdownRenderer(extensions: readonly MarkedExtension[]): (source: string) => string {
  const marked = new Marked({ gfm: true, async: false }, ...extensions);
  return (source) => sanitizeHtml(marked.parse(source, { async: false }));
}
