/** One app in the gallery. */
export interface GalleryEntry {
  readonly name: string;
  readonly title: string;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The gallery's index page: a link to each app. */
export function galleryIndexHtml(entries: readonly GalleryEntry[]): string {
  const items = entries
    .map((e) => `<li><a href="./${encodeURIComponent(e.name)}/"><strong>${escape(e.title)}</strong><span>/${escape(e.name)}/</span></a></li>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Blockwork demos</title>
<style>
  :root { color-scheme: light dark; --bg: #fafafa; --fg: #1f2328; --card: #fff; --border: #e5e7eb; --accent: #ea580c; }
  @media (prefers-color-scheme: dark) { :root { --bg: #0f1115; --fg: #e6e6e6; --card: #181b21; --border: #2a2f38; --accent: #fb923c; } }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
  main { max-width: 760px; margin: 0 auto; padding: 32px 16px; }
  h1 { margin: 0 0 4px; font-size: 28px; }
  p { margin: 0 0 24px; opacity: .75; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
  a { display: flex; flex-direction: column; gap: 4px; padding: 16px; border: 1px solid var(--border); border-radius: 12px; background: var(--card); color: inherit; text-decoration: none; }
  a:hover, a:focus-visible { border-color: var(--accent); }
  span { font-size: 13px; opacity: .6; font-family: ui-monospace, monospace; }
</style>
</head>
<body>
<main>
<h1>Blockwork demos</h1>
<p>Every app below runs behind Blockwork's queue.</p>
<ul>
${items}
</ul>
</main>
</body>
</html>
`;
}
