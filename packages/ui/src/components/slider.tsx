import type { CSSProperties } from "react";
import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { isInteractive, num, str } from "./read-props.ts";

/** A range with its number beside it: `change` on every move, `release` once the pointer or key lets go. */
export function Slider({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const min = num(props, "minimum") ?? 0;
  const max = num(props, "maximum") ?? 100;
  const step = num(props, "step") ?? 1;
  const current = typeof value === "number" ? value : min;
  const label = str(props, "label");
  const disabled = !isInteractive(props);
  const release = () => runner.trigger(id, "release");
  const fill = max > min ? ((current - min) / (max - min)) * 100 : 0;
  return (
    <Block id={id} type={type} props={props} style={style}>
      <div className="bw-slider-head">
        <FieldLabel htmlFor={controlId(id)} label={label} info={str(props, "info")} />
        <input
          id={controlId(id)}
          className="bw-input bw-slider-number"
          type="number"
          aria-label={label ? undefined : "Slider value"}
          value={current}
          min={min}
          max={max}
          step={step}
          readOnly={disabled}
          onChange={(e) => {
            if (Number.isFinite(e.target.valueAsNumber)) runner.edit(id, e.target.valueAsNumber);
          }}
          onBlur={disabled ? undefined : release}
        />
      </div>
      <input
        className="bw-range"
        type="range"
        aria-label="slider"
        value={current}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        style={{ "--bw-fill": `${fill}%` } as CSSProperties}
        onChange={(e) => runner.edit(id, e.target.valueAsNumber)}
        onPointerUp={release}
        onKeyUp={release}
      />
    </Block>
  );
}
