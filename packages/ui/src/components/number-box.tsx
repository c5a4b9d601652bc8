import { useEffect, useState } from "react";
import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { isInteractive, num, str } from "./read-props.ts";

/** A number field; Enter submits. Half-typed text ("-", "1e") stays local until it parses. */
export function NumberBox({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const current = typeof value === "number" ? value : null;
  const [draft, setDraft] = useState(current === null ? "" : String(current));
  useEffect(() => {
    setDraft((d) => (Number(d) === current && d.trim() !== "" ? d : current === null ? "" : String(current)));
  }, [current]);
  const label = str(props, "label");
  const readOnly = !isInteractive(props);
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel htmlFor={controlId(id)} label={label} info={str(props, "info")} />
      <input
        id={controlId(id)}
        className="bw-input"
        type="number"
        inputMode="decimal"
        aria-label={label ? undefined : "Number"}
        value={draft}
        readOnly={readOnly}
        min={num(props, "minimum")}
        max={num(props, "maximum")}
        step={num(props, "step") ?? "any"}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = e.target.valueAsNumber;
          if (Number.isFinite(parsed)) runner.edit(id, parsed);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !readOnly) {
            e.preventDefault();
            runner.trigger(id, "submit");
          }
        }}
      />
    </Block>
  );
}
