import { ConfigError } from "../errors/blockwork-error.ts";
import type { LayoutNode } from "../config/app-config.ts";
import type { AnyComponent } from "../dsl/node.ts";

/** Component ids in layout order, so that the same app source always compiles to the same ids. */
export interface IdTable {
  readonly ids: Map<AnyComponent, number>;
  readonly layout: LayoutNode;
  /** The component behind an id. */
  componentOf(id: number): AnyComponent | undefined;
  /** Components that are mentioned (inputs, outputs, refs) but may live outside the layout, such as State. */
  register(component: AnyComponent): number | undefined;
}

const UNPLACED_TYPES = new Set(["state"]);

export function assignIds(root: AnyComponent): IdTable {
  const ids = new Map<AnyComponent, number>();
  const byId = new Map<number, AnyComponent>();
  let next = 0;
  const place = (node: AnyComponent): LayoutNode => {
    if (ids.has(node)) {
      throw new ConfigError(`a ${node.type}${labelOf(node)} is placed twice in the layout; create one per place`);
    }
    const id = next++;
    ids.set(node, id);
    byId.set(id, node);
    if (node.children.length === 0) return { id };
    return { id, children: node.children.map(place) };
  };
  const layout = place(root);
  return {
    ids,
    layout,
    componentOf: (id) => byId.get(id),
    register(component) {
      const known = ids.get(component);
      if (known !== undefined) return known;
      if (!UNPLACED_TYPES.has(component.type)) return undefined;
      const id = next++;
      ids.set(component, id);
      byId.set(id, component);
      return id;
    },
  };
}

export function labelOf(node: AnyComponent): string {
  const label = node.props.label ?? (node.type === "button" ? node.props.value : undefined);
  return typeof label === "string" && label !== "" ? ` "${label}"` : "";
}
