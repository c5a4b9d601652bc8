import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { Annotation, Compartment, EditorState } from "@codemirror/state";
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { useApp } from "../../app/app-context.ts";
import { useView } from "../../app/use-stores.ts";
import { Block, type RendererProps } from "../block.tsx";
import { controlId, FieldLabel } from "../field-label.tsx";
import { isInteractive, num, str } from "../read-props.ts";
import { CopyButton } from "./copy-button.tsx";
import { codeTheme } from "./code-theme.ts";
import { loadLanguage } from "./load-language.ts";
import "./code.css";

/** Marks the editor's own updates from a new value, so that they are not reported back as the user's edits. */
const fromValue = Annotation.define<boolean>();
const LINE_HEIGHT_PX = 21;

/** Source code in CodeMirror: highlighted, read-only as an output, editable (with `change` events) as an input. */
export function CodeEditor({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const text = typeof value === "string" ? value : "";
  const label = str(props, "label");
  const language = str(props, "language");
  const readOnly = !isInteractive(props);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const editable = useRef(new Compartment());

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          codeTheme,
          languageSlot.current.of([]),
          editable.current.of(editableExtensions(readOnly)),
          EditorView.contentAttributes.of({ "aria-label": label ?? "Code" }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(fromValue))) runner.edit(id, update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once per component; value, language and read-only changes are dispatched below.
  }, [id, runner]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== text) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text }, annotations: fromValue.of(true) });
    }
  }, [text]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(editableExtensions(readOnly)) });
  }, [readOnly]);

  useEffect(() => {
    let current = true;
    loadLanguage(language).then(
      (support) => {
        if (current) view.current?.dispatch({ effects: languageSlot.current.reconfigure(support ?? []) });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [language]);

  const lines = num(props, "lines") ?? 12;
  return (
    <Block id={id} type={type} props={props} style={style}>
      <div className="bw-code-head">
        <FieldLabel id={controlId(id, "label")} label={label} info={str(props, "info")} />
        <CopyButton text={() => view.current?.state.doc.toString() ?? text} />
      </div>
      <div ref={host} className="bw-code" data-language={language ?? "text"} style={{ maxHeight: lines * LINE_HEIGHT_PX + 12 }} />
    </Block>
  );
}

/** Read-only, or editable with the cursor's line marked. */
function editableExtensions(readOnly: boolean) {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly), readOnly ? [] : [highlightActiveLine(), highlightActiveLineGutter()]];
}
