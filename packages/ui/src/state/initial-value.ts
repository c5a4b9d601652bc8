import { definitionOf, type ComponentConfig } from "@blockwork/core";

/** A component's value before any edit: its `value` prop, or its definition's empty value (as Gradio has it). */
export function initialValue(component: ComponentConfig): unknown {
  const { props } = component;
  if (props.value !== undefined) return props.value;
  return definitionOf(component.type)?.initial(props) ?? null;
}
