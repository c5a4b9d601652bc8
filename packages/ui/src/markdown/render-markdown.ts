import type { MarkedExtension } from "marked";

// What the source needs decides what loads: the Markdown renderer always, highlight.js for a fenced block with a
// language, KaTeX for a `$`. Each is its own chunk, fetched the first time a page needs it.
const FENCE_WITH_LANGUAGE = /^ {0,3}(?:`{3,}|~{3,})[ \t]*[\w+#.-]/m;
const MATH = /\$/;

type Render = (source: string) => string;
const renderers = new Map<string, Promise<Render>>();

function rendererFor(code: boolean, math: boolean): Promise<Render> {
  const key = `${code}${math}`;
  let renderer = renderers.get(key);
  if (!renderer) {
    renderer = Promise.all([
      import("./marked-pipeline.ts"),
      code ? import("./highlight-extension.ts").then((m) => m.highlightExtension) : null,
      math ? import("./math-extension.ts").then((m) => m.mathExtension) : null,
    ]).then(([{ createMarkdownRenderer }, ...extensions]) => createMarkdownRenderer(extensions.filter((e): e is MarkedExtension => e !== null)));
    // A failed load (a dropped connection) is tried again next time instead of being remembered.
    renderer.catch(() => renderers.delete(key));
    renderers.set(key, renderer);
  }
  return renderer;
}

/** Markdown to sanitised HTML, loading the renderer (and highlighting or KaTeX when the source needs them). */
export async function renderMarkdown(source: string): Promise<string> {
  const render = await rendererFor(FENCE_WITH_LANGUAGE.test(source), MATH.test(source));
  return render(source);
}
