import type { ComponentConfig, OutputUpdate } from "@blockwork/core";
import { initialValue } from "./initial-value.ts";
import { KeyedStore } from "./keyed-store.ts";
import { sameValue } from "./same-value.ts";

/** What a component renders: its current value and its props (config props with any output updates on top). */
export interface ComponentView {
  readonly type: string;
  readonly value: unknown;
  readonly props: Readonly<Record<string, unknown>>;
}

export type PropsUpdate = OutputUpdate["__update__"];

const MISSING: ComponentView = { type: "missing", value: null, props: {} };

/** Every component's current value and props, by component id. */
export class ValueStore {
  readonly #views = new KeyedStore<number, ComponentView>(MISSING);
  readonly #initial = new Map<number, ComponentView>();

  constructor(components: readonly ComponentConfig[]) {
    for (const component of components) {
      const view: ComponentView = { type: component.type, value: initialValue(component), props: component.props };
      this.#initial.set(component.id, view);
      this.#views.set(component.id, view);
    }
  }

  /**
   * A store for a reloaded app's components (`blockwork dev`) that keeps what the user had in each component still
   * there with the same id and type; the rest start from the new config.
   */
  carryOver(components: readonly ComponentConfig[]): ValueStore {
    const next = new ValueStore(components);
    for (const component of components) {
      const view = this.#views.get(component.id);
      if (view !== MISSING && view.type === component.type) next.setValue(component.id, view.value);
    }
    return next;
  }

  view(id: number): ComponentView {
    return this.#views.get(id);
  }

  value(id: number): unknown {
    return this.#views.get(id).value;
  }

  subscribe(id: number, listener: () => void): () => void {
    return this.#views.subscribe(id, listener);
  }

  /** Sets a value; returns whether it changed. */
  setValue(id: number, value: unknown): boolean {
    const view = this.#views.get(id);
    if (view === MISSING || sameValue(view.value, value)) return false;
    this.#views.set(id, { ...view, value });
    return true;
  }

  /** Applies an output's new props (and value, when given); returns whether the value changed. */
  update(id: number, update: PropsUpdate): boolean {
    const view = this.#views.get(id);
    if (view === MISSING) return false;
    const { value, ...props } = update;
    const valueChanged = "value" in update && !sameValue(view.value, value);
    const propKeys = Object.keys(props) as (keyof typeof props)[];
    if (!valueChanged && propKeys.every((k) => sameValue(view.props[k], props[k]))) return false;
    this.#views.set(id, {
      type: view.type,
      value: valueChanged ? value : view.value,
      props: propKeys.length > 0 ? { ...view.props, ...props } : view.props,
    });
    return valueChanged;
  }

  /** Back to the config's value (ClearButton); props that outputs changed stay. Returns whether it changed. */
  reset(id: number): boolean {
    const initial = this.#initial.get(id);
    return initial !== undefined && this.setValue(id, initial.value);
  }
}
