import { lazy, Suspense, type ComponentType } from "react";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { FieldLabel } from "./field-label.tsx";
import { str } from "./read-props.ts";

/**
 * A renderer whose code (and library) is a chunk of its own, fetched the first time an app shows one: the editor,
 * the grid and the plots stay out of what every page loads. Until it arrives, the component's place holds its
 * label and a loading panel.
 */
export function lazyRenderer(load: () => Promise<ComponentType<RendererProps>>): ComponentType<RendererProps> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  return function LazyRenderer(props: RendererProps) {
    return (
      <Suspense fallback={<Loading {...props} />}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}

function Loading({ id, style }: RendererProps) {
  const { type, props } = useView(id);
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel label={str(props, "label")} info={str(props, "info")} />
      <div className="bw-lazy-loading" aria-busy="true" />
    </Block>
  );
}
