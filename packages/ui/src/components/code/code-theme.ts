import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags } from "@lezer/highlight";

/** The editor in the page's theme: its colours are the theme's variables, so light and dark both follow. */
export const codeTheme = [
  EditorView.theme({
    "&": { backgroundColor: "var(--bw-input-bg)", color: "var(--bw-text)", fontSize: "13.5px", borderRadius: "var(--bw-radius-sm)" },
    "&.cm-focused": { outline: "none", boxShadow: "var(--bw-focus)" },
    ".cm-scroller": { fontFamily: "var(--bw-mono)", lineHeight: "1.55" },
    ".cm-content": { caretColor: "var(--bw-accent)" },
    ".cm-gutters": { backgroundColor: "var(--bw-panel-2)", color: "var(--bw-text-3)", border: "none", borderRight: "1px solid var(--bw-border)" },
    ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--bw-accent-soft)" },
    "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--bw-code-selection)" },
    ".cm-cursor": { borderLeftColor: "var(--bw-accent)" },
  }),
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--bw-hl-keyword)" },
      { tag: [tags.string, tags.special(tags.string), tags.regexp], color: "var(--bw-hl-string)" },
      { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--bw-hl-number)" },
      { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.function(tags.variableName))], color: "var(--bw-hl-title)" },
      { tag: [tags.typeName, tags.className, tags.namespace], color: "var(--bw-hl-type)" },
      { tag: [tags.comment, tags.lineComment, tags.blockComment], color: "var(--bw-hl-comment)", fontStyle: "italic" },
      { tag: [tags.propertyName, tags.attributeName, tags.tagName], color: "var(--bw-hl-attr)" },
      { tag: tags.heading, fontWeight: "bold", color: "var(--bw-hl-title)" },
      { tag: tags.emphasis, fontStyle: "italic" },
      { tag: tags.strong, fontWeight: "bold" },
      { tag: tags.link, textDecoration: "underline" },
    ]),
  ),
];
