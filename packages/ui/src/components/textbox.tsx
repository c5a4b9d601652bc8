import type { KeyboardEvent } from "react";
import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { isInteractive, num, str } from "./read-props.ts";

/** A line of text (Enter submits) or, with `lines` > 1, an area (Ctrl/Cmd+Enter submits). */
export function Textbox({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const label = str(props, "label");
  const lines = num(props, "lines") ?? 1;
  const text = typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
  const readOnly = !isInteractive(props);
  const common = {
    id: controlId(id),
    className: "bw-input",
    value: text,
    readOnly,
    placeholder: str(props, "placeholder"),
    "aria-label": label ? undefined : "Textbox",
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key !== "Enter" || e.nativeEvent.isComposing || readOnly) return;
    const area = lines > 1;
    if (area && !(e.ctrlKey || e.metaKey)) return;
    if (!area && e.shiftKey) return;
    e.preventDefault();
    runner.trigger(id, "submit");
  };
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel htmlFor={common.id} label={label} info={str(props, "info")} />
      {lines > 1 ? (
        <textarea {...common} rows={lines} onChange={(e) => runner.edit(id, e.target.value)} onKeyDown={onKeyDown} />
      ) : (
        <input
          {...common}
          type={str(props, "type") ?? "text"}
          onChange={(e) => runner.edit(id, e.target.value)}
          onKeyDown={onKeyDown}
        />
      )}
    </Block>
  );
}
