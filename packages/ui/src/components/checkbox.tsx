import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId } from "./field-label.tsx";
import { isInteractive, str } from "./read-props.ts";

/** A yes/no choice; its label sits beside the box, its hint above. */
export function Checkbox({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const info = str(props, "info");
  return (
    <Block id={id} type={type} props={props} style={style}>
      {info ? <div className="bw-info">{info}</div> : null}
      <label className="bw-check" htmlFor={controlId(id)}>
        <input
          id={controlId(id)}
          type="checkbox"
          checked={value === true}
          disabled={!isInteractive(props)}
          onChange={(e) => runner.edit(id, e.target.checked)}
        />
        <span>{str(props, "label") ?? "Checkbox"}</span>
      </label>
    </Block>
  );
}
