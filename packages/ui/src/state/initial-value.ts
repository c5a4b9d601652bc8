import type { ComponentConfig } from "@blockwork/core";

/** A component's value before any edit: its `value` prop, or the type's empty value as Gradio has it. */
export function initialValue(component: ComponentConfig): unknown {
  const { props } = component;
  if (props.value !== undefined) return props.value;
  switch (component.type) {
    case "textbox":
    case "markdown":
    case "button":
    case "clearbutton":
      return "";
    case "number":
      return 0;
    case "slider":
      return typeof props.minimum === "number" ? props.minimum : 0;
    case "checkbox":
      return false;
    case "dropdown":
      return props.multiselect === true ? [] : null;
    case "chatbot":
      return [];
    case "timer":
      return typeof props.intervalMs === "number" ? props.intervalMs : 1000;
    default:
      return null;
  }
}
