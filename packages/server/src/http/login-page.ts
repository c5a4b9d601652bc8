const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The login form in front of an app with `auth`: one self-contained page (no script, no assets, so it needs no
 * login itself), in the UI's theme colors, light and dark. It posts to `login` relative to itself.
 */
export function loginPageHtml(title: string, error?: string, message?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Log in · ${escape(title)}</title>
<style>
  :root { --bg: #f6f6f7; --panel: #fff; --border: #e4e4e7; --text: #18181b; --text-2: #52525b; --accent: #f97316; --accent-strong: #ea580c; --on-accent: #fff; --error: #dc2626; --error-soft: #fef2f2; --focus: 0 0 0 3px rgba(249, 115, 22, .28); }
  @media (prefers-color-scheme: dark) { :root { --bg: #0b0f19; --panel: #151a26; --border: #283042; --text: #e8eaf0; --text-2: #b4b9c6; --accent: #fb923c; --accent-strong: #f97316; --on-accent: #1c0d02; --error: #f87171; --error-soft: rgba(248, 113, 113, .12); --focus: 0 0 0 3px rgba(251, 146, 60, .35); } }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  form { width: min(360px, calc(100vw - 32px)); display: grid; gap: 14px; padding: 28px; background: var(--panel); border: 1px solid var(--border); border-radius: 10px; box-shadow: 0 10px 30px rgba(0, 0, 0, .12); }
  h1 { margin: 0; font-size: 20px; }
  p { margin: 0; color: var(--text-2); }
  label { display: grid; gap: 6px; font-weight: 500; }
  input { font: inherit; color: inherit; padding: 9px 11px; border: 1px solid var(--border); border-radius: 7px; background: transparent; }
  input:focus-visible, button:focus-visible { outline: none; box-shadow: var(--focus); border-color: var(--accent); }
  button { font: inherit; font-weight: 600; padding: 10px; border: 0; border-radius: 7px; background: var(--accent); color: var(--on-accent); cursor: pointer; }
  button:hover { background: var(--accent-strong); }
  [role="alert"] { padding: 9px 11px; border-radius: 7px; background: var(--error-soft); color: var(--error); }
</style>
</head>
<body>
<form method="post" action="login">
<h1>${escape(title)}</h1>
<p>${message === undefined ? "Log in to use this app." : escape(message)}</p>
${error === undefined ? "" : `<div role="alert">${escape(error)}</div>\n`}<label>Username <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button>
</form>
</body>
</html>
`;
}
