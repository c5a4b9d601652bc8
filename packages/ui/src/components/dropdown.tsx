import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { CheckChips } from "./check-chips.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { bool, isInteractive, str, strings } from "./read-props.ts";

const NONE = "\u0000none";

/** One of `choices` in a select (with a "none" entry while nothing is chosen), or several as checkbox chips. */
export function Dropdown({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const choices = strings(props, "choices");
  const label = str(props, "label");
  const disabled = !isInteractive(props);
  /** Gradio's select data: the item that was picked, and that it is now selected. */
  const choose = (next: string | null) => {
    runner.edit(id, next);
    if (next !== null) runner.trigger(id, "select", { eventData: { index: choices.indexOf(next), value: next, selected: true } });
  };

  if (bool(props, "multiselect") === true) return <CheckChips id={id} style={style} name="Dropdown" />;

  const current = typeof value === "string" ? value : null;
  const options = current !== null && !choices.includes(current) ? [current, ...choices] : choices;
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel htmlFor={controlId(id)} label={label} info={str(props, "info")} />
      <select
        id={controlId(id)}
        className="bw-input bw-select"
        aria-label={label ? undefined : "Dropdown"}
        value={current ?? NONE}
        disabled={disabled}
        onChange={(e) => {
          const next = e.target.value === NONE ? null : e.target.value;
          choose(next);
        }}
      >
        {current === null ? <option value={NONE}>—</option> : null}
        {options.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </Block>
  );
}
