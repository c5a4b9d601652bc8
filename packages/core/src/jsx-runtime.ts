import { createComponent } from "./dsl/create-component.ts";
import type { AnyComponent, Child } from "./dsl/node.ts";

/** A component function as JSX calls it: the same function users call directly. */
type ComponentFunction = (props: any) => AnyComponent;

/** Called by TypeScript's `react-jsx` transform; an element is whatever the component function returns. */
export function jsx(type: ComponentFunction, props: object, _key?: unknown): AnyComponent {
  return type(props);
}

export const jsxs = jsx;

/** `<>…</>`: its children are spliced into the parent layout. */
export function Fragment(props: { children?: Child }): AnyComponent {
  return createComponent({ type: "fragment", children: "layout" }, props);
}

export declare namespace JSX {
  type Element = AnyComponent;
  type ElementType = ComponentFunction;
  interface ElementChildrenAttribute {
    children: {};
  }
  interface IntrinsicElements {}
}
