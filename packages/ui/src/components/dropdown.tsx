import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { bool, isInteractive, str, strings } from "./read-props.ts";

const NONE = "\u0000none";

/** One of `choices` in a select (with a "none" entry while nothing is chosen), or several as toggle chips. */
export function Dropdown({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const choices = strings(props, "choices");
  const label = str(props, "label");
  const disabled = !isInteractive(props);
  /** Gradio's select data: the item that was picked or unpicked, and whether it is now selected. */
  const choose = (next: string | null | string[], item: string | null, selected: boolean) => {
    runner.edit(id, next);
    if (item !== null) runner.trigger(id, "select", { eventData: { index: choices.indexOf(item), value: item, selected } });
  };

  if (bool(props, "multiselect") === true) {
    const selected = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
    const labelId = controlId(id, "label");
    return (
      <Block id={id} type={type} props={props} style={style}>
        <FieldLabel id={labelId} label={label} info={str(props, "info")} />
        <div className="bw-chips" role="group" aria-labelledby={label ? labelId : undefined} aria-label={label ? undefined : "Dropdown"}>
          {choices.map((choice) => (
            <label key={choice} className="bw-chip">
              <input
                type="checkbox"
                checked={selected.includes(choice)}
                disabled={disabled}
                onChange={(e) =>
                  choose(
                    e.target.checked ? choices.filter((c) => c === choice || selected.includes(c)) : selected.filter((c) => c !== choice),
                    choice,
                    e.target.checked,
                  )
                }
              />
              <span>{choice}</span>
            </label>
          ))}
        </div>
      </Block>
    );
  }

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
          choose(next, next, true);
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
