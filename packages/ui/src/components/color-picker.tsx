import { useEffect, useState } from "react";
import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { isInteractive, str } from "./read-props.ts";
import "./small-inputs.css";

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** A colour: a swatch that opens the browser's picker, and its hex code, which can be typed too. */
export function ColorPicker({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const color = typeof value === "string" && HEX_COLOR.test(value) ? value.toLowerCase() : "#000000";
  const label = str(props, "label");
  const disabled = !isInteractive(props);
  // The code as typed, which may be half a colour until it is a whole one.
  const [code, setCode] = useState(color);
  useEffect(() => setCode(color), [color]);
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel htmlFor={controlId(id)} label={label} info={str(props, "info")} />
      <div className="bw-color">
        <input
          id={controlId(id)}
          className="bw-color-swatch"
          type="color"
          aria-label={label ? undefined : "Colour"}
          value={color}
          disabled={disabled}
          onChange={(e) => runner.edit(id, e.target.value.toLowerCase())}
        />
        <input
          className="bw-input bw-color-code"
          aria-label={`${label ?? "Colour"} (hex code)`}
          spellCheck={false}
          maxLength={7}
          value={code}
          readOnly={disabled}
          aria-invalid={!HEX_COLOR.test(code)}
          onChange={(e) => {
            const next = e.target.value.trim();
            setCode(next);
            if (HEX_COLOR.test(next)) runner.edit(id, next.toLowerCase());
          }}
          onBlur={() => setCode(color)}
        />
      </div>
    </Block>
  );
}
