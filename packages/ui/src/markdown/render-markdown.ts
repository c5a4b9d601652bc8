/**
 * A small Markdown to HTML renderer for Markdown components and handler output: headings, paragraphs, emphasis,
 * code (inline and fenced), links and images, lists (nested by indentation), block quotes and rules.
 *
 * Safe by construction: every piece of source text is HTML-escaped before any tag is added, and link and image
 * URLs are kept only when they are relative or use a harmless scheme.
 */
export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, "\n").replace(/\0/g, "").replace(/\t/g, "    ").split("\n");
  return renderBlocks(lines);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])\s+(.*)$/;

function renderBlocks(lines: readonly string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(marker); i++) body.push(lines[i]!);
      i++;
      const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : "";
      out.push(`<pre><code${lang}>${escapeHtml(body.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level}>${renderInline(heading[2] ?? "")}</h${level}>`);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push("<hr>");
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i]!); i++) body.push(lines[i]!.replace(QUOTE, ""));
      out.push(`<blockquote>${renderBlocks(body)}</blockquote>`);
      continue;
    }
    if (ITEM.test(line)) {
      i = renderList(lines, i, out);
      continue;
    }
    const paragraph: string[] = [];
    for (; i < lines.length && lines[i]!.trim() !== "" && (paragraph.length === 0 || !startsBlock(lines[i]!)); i++) {
      paragraph.push(lines[i]!);
    }
    out.push(`<p>${renderParagraph(paragraph)}</p>`);
  }
  return out.join("\n");
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
}

/** Renders the list starting at `start`; returns the index of the first line after it. */
function renderList(lines: readonly string[], start: number, out: string[]): number {
  const first = ITEM.exec(lines[start]!)!;
  const ordered = /\d/.test(first[2]!);
  const indent = first[1]!.length;
  const items: string[][] = [];
  let loose = false;
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const item = ITEM.exec(line);
    if (item && item[1]!.length <= indent + 1 && /\d/.test(item[2]!) === ordered) {
      items.push([item[3]!]);
      i++;
      continue;
    }
    const blank = line.trim() === "";
    const nextIndented = blank && i + 1 < lines.length && (lines[i + 1]!.startsWith(" ".repeat(indent + 2)) || isSibling(lines[i + 1]!, indent, ordered));
    if (blank && nextIndented) {
      loose = true;
      items.at(-1)!.push("");
      i++;
      continue;
    }
    if (blank || (!line.startsWith(" ".repeat(indent + 2)) && startsBlock(line))) break;
    items.at(-1)!.push(line.replace(new RegExp(`^ {0,${indent + 4}}`), ""));
    i++;
  }
  const tag = ordered ? "ol" : "ul";
  const startNumber = ordered ? Number.parseInt(first[2]!, 10) : 1;
  const startAttr = ordered && startNumber !== 1 ? ` start="${startNumber}"` : "";
  const body = items.map((item) => {
    const html = renderBlocks(item);
    return `<li>${loose ? html : html.replace(/^<p>([\s\S]*?)<\/p>/, "$1")}</li>`;
  });
  out.push(`<${tag}${startAttr}>\n${body.join("\n")}\n</${tag}>`);
  return i;
}

function isSibling(line: string, indent: number, ordered: boolean): boolean {
  const item = ITEM.exec(line);
  return item !== null && item[1]!.length <= indent + 1 && /\d/.test(item[2]!) === ordered;
}

/** Joins a paragraph's lines; two trailing spaces or a trailing backslash make a line break. */
function renderParagraph(lines: readonly string[]): string {
  return lines
    .map((line, i) => {
      const last = i === lines.length - 1;
      const hard = !last && (/ {2,}$/.test(line) || /\\$/.test(line));
      const text = renderInline(hard ? line.replace(/(?: {2,}|\\)$/, "") : line.trim());
      return hard ? `${text}<br>` : text;
    })
    .join("\n");
}

/** Inline syntax. Code spans, tags and URLs are set aside as tokens so that emphasis never reaches into them. */
export function renderInline(text: string): string {
  const tokens: string[] = [];
  const stash = (html: string): string => `\0${tokens.push(html) - 1}\0`;
  let s = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => stash(`<code>${escapeHtml(code.trim())}</code>`));
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!~>])/g, (_, ch: string) => stash(escapeHtml(ch)));
  s = escapeHtml(s);
  s = s.replace(/!\[([^\]]*)\]\(\s*([^\s)]+)(?:\s+&quot;([^"]*?)&quot;)?\s*\)/g, (whole, alt: string, url: string) => {
    const safe = safeUrl(url, true);
    return safe === null ? whole : stash(`<img src="${safe}" alt="${alt}">`);
  });
  s = s.replace(/\[([^\]]+)\]\(\s*([^\s)]+)(?:\s+&quot;([^"]*?)&quot;)?\s*\)/g, (whole, label: string, url: string, title?: string) => {
    const safe = safeUrl(url, false);
    if (safe === null) return whole;
    const titleAttr = title ? ` title="${title}"` : "";
    return `${stash(`<a href="${safe}"${titleAttr} target="_blank" rel="noopener noreferrer">`)}${label}${stash("</a>")}`;
  });
  s = s.replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, (_, url: string) => stash(`<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`));
  s = s
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?![\w])/g, "$1<strong>$2</strong>")
    .replace(/\*(?=[^\s*])([\s\S]*?[^\s*])\*/g, "<em>$1</em>")
    .replace(/\*(?=[^\s*])([^*])\*/g, "<em>$1</em>")
    .replace(/(^|[^\w])_(?=[^\s_])([\s\S]*?[^\s_]|[^\s_])_(?![\w])/g, "$1<em>$2</em>")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "<del>$1</del>");
  return s.replace(/\0(\d+)\0/g, (_, n: string) => tokens[Number(n)] ?? "");
}

/** An escaped URL, kept only if relative or http(s)/mailto (and, for images, a data:image URI). */
function safeUrl(escapedUrl: string, image: boolean): string | null {
  const raw = escapedUrl.replace(/&amp;/g, "&");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw.replace(/[\s\u0000-\u001f]/g, ""));
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    const ok = name === "http" || name === "https" || (!image && name === "mailto") || (image && /^data:image\/(png|jpe?g|gif|webp|svg\+xml)[;,]/i.test(raw));
    if (!ok) return null;
  }
  return escapedUrl;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
