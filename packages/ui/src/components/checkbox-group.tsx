import type { RendererProps } from "./block.tsx";
import { CheckChips } from "./check-chips.tsx";

/** Several of `choices`, each a checkbox. */
export function CheckboxGroup({ id, style }: RendererProps) {
  return <CheckChips id={id} style={style} name="Checkbox group" />;
}
