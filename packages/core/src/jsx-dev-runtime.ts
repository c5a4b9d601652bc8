import { jsx } from "./jsx-runtime.ts";
import type { AnyComponent } from "./dsl/node.ts";

export { Fragment, type JSX } from "./jsx-runtime.ts";

/** The development transform's entry point; source positions are not needed to build a config. */
export function jsxDEV(type: (props: any) => AnyComponent, props: object, key?: unknown): AnyComponent {
  return jsx(type, props, key);
}
