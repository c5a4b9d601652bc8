import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";

/** A component type this UI doesn't know (a newer server, a plugin): a notice instead of a blank page. */
export function UnknownComponent({ id, style }: RendererProps) {
  const { type, props } = useView(id);
  return (
    <Block id={id} type="unknown" props={props} style={style}>
      <div className="bw-notice">Unsupported component “{type}”</div>
    </Block>
  );
}
