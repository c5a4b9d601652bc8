import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { isInteractive, str, strings } from "./read-props.ts";

/**
 * Several of `choices` as checkbox chips (a CheckboxGroup, a multiselect Dropdown); the value keeps the choices'
 * order, and each tick or untick fires `select` with Gradio's data: the item, and whether it is now selected.
 */
export function CheckChips({ id, style, name }: RendererProps & { readonly name: string }) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const choices = strings(props, "choices");
  const checked = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const label = str(props, "label");
  const labelId = controlId(id, "label");
  const disabled = !isInteractive(props);
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel id={labelId} label={label} info={str(props, "info")} />
      <div className="bw-chips" role="group" aria-labelledby={label ? labelId : undefined} aria-label={label ? undefined : name}>
        {choices.map((choice, index) => (
          <label key={choice} className="bw-chip">
            <input
              type="checkbox"
              checked={checked.includes(choice)}
              disabled={disabled}
              onChange={(e) => {
                const on = e.target.checked;
                runner.edit(id, on ? choices.filter((c) => c === choice || checked.includes(c)) : checked.filter((c) => c !== choice));
                runner.trigger(id, "select", { eventData: { index, value: choice, selected: on } });
              }}
            />
            <span>{choice}</span>
          </label>
        ))}
      </div>
    </Block>
  );
}
