import { Marked, type MarkedExtension } from "marked";
import { sanitizeHtml } from "../sanitize/sanitize-html.ts";

/** Markdown to sanitised HTML with GitHub's flavour (tables, task lists, strikethrough, autolinks) and `extensions`. */
export function createMarkdownRenderer(extensions: readonly MarkedExtension[]): (source: string) => string {
  const marked = new Marked({ gfm: true, async: false }, ...extensions);
  // Trimmed: marked ends every block with a newline, which would trail the text of a message.
  return (source) => sanitizeHtml(marked.parse(source, { async: false }).trim());
}
