import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import plaintext from "highlight.js/lib/languages/plaintext";
import python from "highlight.js/lib/languages/python";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { markedHighlight } from "marked-highlight";
import "./highlight.css";

// The languages of demos and model cards; each more costs a few KiB, so the list is short on purpose.
for (const [name, language] of Object.entries({ bash, css, diff, javascript, json, markdown, plaintext, python, shell, sql, typescript, xml, yaml })) {
  hljs.registerLanguage(name, language);
}

/** Fenced code blocks highlighted by highlight.js (its output is escaped text in `<span class="hljs-…">`). */
export const highlightExtension = markedHighlight({
  emptyLangClass: "hljs",
  langPrefix: "hljs language-",
  highlight(code, lang) {
    const language = hljs.getLanguage(lang) ? lang : "plaintext";
    return hljs.highlight(code, { language, ignoreIllegals: true }).value;
  },
});
