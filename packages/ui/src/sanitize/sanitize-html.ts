import DOMPurify from "dompurify";

/**
 * Sanitised HTML for Markdown, HTML blocks and plot tooltips: DOMPurify keeps markup, inline styles, SVG and
 * MathML, and drops what runs code (scripts, event-handler attributes, `javascript:` and other unsafe URLs).
 * `<style>` (which would restyle the whole page) and forms (which could post to another site) go too. Every
 * link opens in a new tab without a handle back to this page.
 */
const purify = DOMPurify(window);

purify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.hasAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

const CONFIG = { FORBID_TAGS: ["style", "form", "button", "textarea", "select"], FORBID_ATTR: ["formaction", "action"] };

export function sanitizeHtml(html: string): string {
  return purify.sanitize(html, CONFIG);
}
