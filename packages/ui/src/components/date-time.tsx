import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { bool, isInteractive, str } from "./read-props.ts";
import "./small-inputs.css";

/** A date, or a date and time, in the browser's own picker; clearing it gives `null`. */
export function DateTime({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const withTime = bool(props, "includeTime") !== false;
  const label = str(props, "label");
  const disabled = !isInteractive(props);
  const text = typeof value === "string" ? (withTime ? value.slice(0, 16) : value.slice(0, 10)) : "";
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel htmlFor={controlId(id)} label={label} info={str(props, "info")} />
      <div className="bw-datetime">
        <input
          id={controlId(id)}
          className="bw-input"
          type={withTime ? "datetime-local" : "date"}
          aria-label={label ? undefined : withTime ? "Date and time" : "Date"}
          value={text}
          readOnly={disabled}
          onChange={(e) => runner.edit(id, e.target.value === "" ? null : e.target.value)}
        />
        {!disabled ? (
          <button type="button" className="bw-datetime-now" onClick={() => runner.edit(id, localNow(withTime))}>
            Now
          </button>
        ) : null}
      </div>
    </Block>
  );
}

/** This moment in the browser's time zone, as the input writes it. */
function localNow(withTime: boolean): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, "0");
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return withTime ? `${date}T${pad(now.getHours())}:${pad(now.getMinutes())}` : date;
}
