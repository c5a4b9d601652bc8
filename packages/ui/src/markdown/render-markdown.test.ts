// @vitest-environment jsdom
import { describe, expect, test } from "vitest";
import { renderMarkdown } from "./render-markdown.ts";

describe("Markdown through marked, highlight.js, KaTeX and DOMPurify", () => {
  test("GitHub's flavour: tables with alignment, task lists, strikethrough and autolinks", async () => {
    const html = await renderMarkdown("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ see www.example.com");
    expect(html).toContain("<table>");
    expect(html).toMatch(/<th align="right">b<\/th>/);
    expect(html).toMatch(/<input (checked="" )?disabled="" type="checkbox"( checked="")?> done/);
    expect(html).toContain("<del>old</del>");
    expect(html).toMatch(/<a href="http:\/\/www\.example\.com" target="_blank" rel="noopener noreferrer">www\.example\.com<\/a>/);
  });

  test("a fenced block with a language is highlighted; one without is plain escaped text", async () => {
    const html = await renderMarkdown("```python\ndef f(x):\n    return '<b>'\n```\n\n```\n<i>plain</i>\n```");
    expect(html).toContain('<code class="hljs language-python">');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain("&lt;b&gt;");
    expect(html).toContain("&lt;i&gt;plain&lt;/i&gt;");
  });

  test("LaTeX between dollars is typeset by KaTeX, inline and as a display", async () => {
    const html = await renderMarkdown("Inline $x^2$ and\n\n$$\\frac{a}{b}$$");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain("<math");
  });

  test.each([
    ["a script tag", "<script>window.pwned = 1</script>hi", /<script/i],
    ["an event-handler attribute", '<img src="x" onerror="window.pwned = 1">', /onerror/i],
    ["a javascript: link", "[click](javascript:window.pwned=1)", /javascript:/i],
    ["a javascript: link in HTML, mixed case and entities", '<a href="jav&#x09;aScript:alert(1)">x</a>', /script:/i],
    ["an SVG payload", '<svg><script>window.pwned=1</script><a xlink:href="javascript:alert(1)"><text>t</text></a></svg><svg onload="alert(1)">', /script|onload/i],
    ["an iframe", '<iframe src="https://example.com"></iframe>', /<iframe/i],
    ["a style tag that would restyle the page", "<style>body { display: none }</style>", /<style/i],
    ["a form posting elsewhere", '<form action="https://example.com"><input name="a"></form>', /<form|action=/i],
    ["KaTeX's \\href", "$\\href{javascript:alert(1)}{x}$", /href="javascript:/i],
  ])("%s is dropped", async (_, source, dangerous) => {
    const html = await renderMarkdown(source);
    expect(html).not.toMatch(dangerous);
  });
});
