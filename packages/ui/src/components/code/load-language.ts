import { StreamLanguage, type LanguageSupport } from "@codemirror/language";

type Loaded = LanguageSupport | StreamLanguage<unknown>;

/** Each language's grammar is a chunk of its own: an app showing Python never fetches the SQL one. */
const LANGUAGES: Readonly<Record<string, () => Promise<Loaded>>> = {
  javascript: () => import("@codemirror/lang-javascript").then((m) => m.javascript()),
  jsx: () => import("@codemirror/lang-javascript").then((m) => m.javascript({ jsx: true })),
  typescript: () => import("@codemirror/lang-javascript").then((m) => m.javascript({ typescript: true })),
  tsx: () => import("@codemirror/lang-javascript").then((m) => m.javascript({ jsx: true, typescript: true })),
  python: () => import("@codemirror/lang-python").then((m) => m.python()),
  json: () => import("@codemirror/lang-json").then((m) => m.json()),
  html: () => import("@codemirror/lang-html").then((m) => m.html()),
  css: () => import("@codemirror/lang-css").then((m) => m.css()),
  markdown: () => import("@codemirror/lang-markdown").then((m) => m.markdown()),
  sql: () => import("@codemirror/lang-sql").then((m) => m.sql()),
  shell: () => import("@codemirror/legacy-modes/mode/shell").then((m) => StreamLanguage.define(m.shell)),
};

/** The grammar for `name`, or `null` for plain text (no language, or one the editor doesn't know). */
export function loadLanguage(name: string | undefined): Promise<Loaded | null> {
  const load = name === undefined ? undefined : LANGUAGES[name];
  return load ? load() : Promise.resolve(null);
}
