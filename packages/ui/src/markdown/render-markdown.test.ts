import { describe, expect, it } from "vitest";
import { renderInline, renderMarkdown } from "./render-markdown.ts";

describe("renderMarkdown", () => {
  it("renders headings, paragraphs and emphasis", () => {
    expect(renderMarkdown("# Title\n\nSome **bold** and *italic* and _under_ text.")).toBe(
      "<h1>Title</h1>\n<p>Some <strong>bold</strong> and <em>italic</em> and <em>under</em> text.</p>",
    );
    expect(renderMarkdown("### Three ###")).toBe("<h3>Three</h3>");
  });

  it("joins paragraph lines and keeps hard breaks", () => {
    expect(renderMarkdown("one\ntwo  \nthree")).toBe("<p>one\ntwo<br>\nthree</p>");
  });

  it("escapes HTML everywhere", () => {
    expect(renderMarkdown("<script>alert(1)</script> & \"q\"")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</p>");
    expect(renderMarkdown("```\n<b>x</b>\n```")).toBe("<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>");
    expect(renderInline("`<i>`")).toBe("<code>&lt;i&gt;</code>");
  });

  it("keeps emphasis out of code spans and URLs", () => {
    expect(renderInline("`a*b*c` and *d*")).toBe("<code>a*b*c</code> and <em>d</em>");
    expect(renderInline("[x](https://e.com/_a_/b)")).toBe(
      '<a href="https://e.com/_a_/b" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(renderInline("snake_case_name")).toBe("snake_case_name");
  });

  it("renders links and images, refusing unsafe schemes", () => {
    expect(renderInline("[**docs**](./docs?a=1&b=2)")).toBe(
      '<a href="./docs?a=1&amp;b=2" target="_blank" rel="noopener noreferrer"><strong>docs</strong></a>',
    );
    expect(renderInline("[x](javascript:alert(1))")).not.toContain("<a");
    expect(renderInline("[x](JaVaScRiPt:alert)")).not.toContain("href");
    expect(renderInline("![alt](data:text/html,<b>)")).not.toContain("<img");
    expect(renderInline("![a cat](https://e.com/cat.png)")).toBe('<img src="https://e.com/cat.png" alt="a cat">');
    expect(renderInline('[t](https://e.com "Home")')).toContain('title="Home"');
  });

  it("renders lists, nested by indentation", () => {
    expect(renderMarkdown("- a\n- b *c*\n  - d\n- e")).toBe(
      "<ul>\n<li>a</li>\n<li>b <em>c</em>\n<ul>\n<li>d</li>\n</ul></li>\n<li>e</li>\n</ul>",
    );
    expect(renderMarkdown("3. x\n4. y")).toBe('<ol start="3">\n<li>x</li>\n<li>y</li>\n</ol>');
    expect(renderMarkdown("intro\n- a\n- b")).toBe("<p>intro</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
  });

  it("renders quotes, rules and fenced code with a language", () => {
    expect(renderMarkdown("> quoted **text**")).toBe("<blockquote><p>quoted <strong>text</strong></p></blockquote>");
    expect(renderMarkdown("a\n\n---\n\nb")).toBe("<p>a</p>\n<hr>\n<p>b</p>");
    expect(renderMarkdown("```ts\nconst a = 1;\n```")).toBe('<pre><code class="language-ts">const a = 1;</code></pre>');
  });

  it("honours backslash escapes", () => {
    expect(renderInline("\\*not italic\\*")).toBe("*not italic*");
  });
});
