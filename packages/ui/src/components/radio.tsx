import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { isInteractive, str, strings } from "./read-props.ts";

/** One of `choices`, all shown at once. */
export function Radio({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const label = str(props, "label");
  const labelId = controlId(id, "label");
  const disabled = !isInteractive(props);
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel id={labelId} label={label} info={str(props, "info")} />
      <div className="bw-chips" role="radiogroup" aria-labelledby={label ? labelId : undefined} aria-label={label ? undefined : "Radio"}>
        {strings(props, "choices").map((choice, index) => (
          <label key={choice} className="bw-chip">
            <input
              type="radio"
              name={controlId(id, "radio")}
              value={choice}
              checked={value === choice}
              disabled={disabled}
              onChange={() => {
                runner.edit(id, choice);
                runner.trigger(id, "select", { eventData: { index, value: choice, selected: true } });
              }}
            />
            <span>{choice}</span>
          </label>
        ))}
      </div>
    </Block>
  );
}
