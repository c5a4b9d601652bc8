import type { ComponentDefinition, ConfigProps, FileSlot } from "./definition.ts";
import { button, clearButton } from "./button.ts";
import { chatbot } from "./chatbot.ts";
import { checkbox, checkboxGroup, dropdown, radio } from "./choice.ts";
import { code } from "./code.ts";
import { colorPicker } from "./color-picker.ts";
import { dataframe } from "./dataframe.ts";
import { dateTime } from "./date-time.ts";
import { json, label } from "./data.ts";
import { examples } from "./examples.ts";
import { highlightedText } from "./highlighted-text.ts";
import { html } from "./html.ts";
import { downloadButton } from "./download-button.ts";
import { fileBox } from "./file-box.ts";
import { gallery } from "./gallery.ts";
import { accordion, blocks, column, group, row, tab, tabs } from "./layout.ts";
import { image } from "./media.ts";
import { numberBox, slider } from "./number.ts";
import { barPlot, linePlot, plot, scatterPlot } from "./plot.ts";
import { markdown, textbox } from "./text.ts";
import { timer } from "./timer.ts";
import { uploadButton } from "./upload-button.ts";

/** Every kind of component a config may hold. A new component is one definition, listed here. */
export const COMPONENT_DEFINITIONS = [
  blocks,
  row,
  column,
  group,
  tabs,
  tab,
  accordion,
  textbox,
  markdown,
  numberBox,
  slider,
  checkbox,
  dropdown,
  radio,
  image,
  fileBox,
  uploadButton,
  downloadButton,
  gallery,
  json,
  label,
  button,
  clearButton,
  examples,
  chatbot,
  timer,
  html,
  code,
  dataframe,
  linePlot,
  barPlot,
  scatterPlot,
  plot,
  checkboxGroup,
  colorPicker,
  dateTime,
  highlightedText,
] as const;

type Definitions = (typeof COMPONENT_DEFINITIONS)[number];

/** The `type` of a component in a config: the UI's renderers are typed against it, so none can be missing. */
export type ComponentType = Definitions["type"];
/** Components that hold others. */
export type LayoutType = Extract<Definitions, { readonly kind: "layout" }>["type"];
/** Components drawn by a renderer of their own (every type but the layouts). */
export type LeafType = Exclude<ComponentType, LayoutType>;

const BY_TYPE: ReadonlyMap<string, ComponentDefinition> = new Map(COMPONENT_DEFINITIONS.map((d) => [d.type, d]));

/** Whether `type` is a component kind this version of core defines. */
export function isComponentType(type: string): type is ComponentType {
  return BY_TYPE.has(type);
}

/** The definition of a config's component type; `undefined` for a type this version doesn't know. */
export function definitionOf(type: string): ComponentDefinition | undefined {
  return BY_TYPE.get(type);
}

/** How a config's component holds files, or `undefined` when its value holds none. */
export function fileSlotOf(component: { readonly type: string; readonly props: ConfigProps }): FileSlot | undefined {
  return BY_TYPE.get(component.type)?.files?.(component.props);
}
