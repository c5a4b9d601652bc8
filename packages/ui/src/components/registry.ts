import type { LeafType } from "@blockwork/core";
import type { ComponentType } from "react";
import type { RendererProps } from "./block.tsx";
import { Button, ClearButton } from "./button.tsx";
import { Chatbot } from "./chatbot.tsx";
import { Checkbox } from "./checkbox.tsx";
import { CheckboxGroup } from "./checkbox-group.tsx";
import { Code } from "./code.tsx";
import { ColorPicker } from "./color-picker.tsx";
import { Dataframe } from "./dataframe.tsx";
import { DateTime } from "./date-time.tsx";
import { DownloadButton } from "./download-button.tsx";
import { Dropdown } from "./dropdown.tsx";
import { Examples } from "./examples.tsx";
import { HighlightedText } from "./highlighted-text.tsx";
import { HtmlView } from "./html-view.tsx";
import { Image } from "./image.tsx";
import { JsonView } from "./json-view.tsx";
import { lazyRenderer } from "./lazy-renderer.tsx";
import { LabelView } from "./label-view.tsx";
import { Markdown } from "./markdown.tsx";
import { NumberBox } from "./number-box.tsx";
import { BarPlot, LinePlot, Plot, ScatterPlot } from "./plots.tsx";
import { Radio } from "./radio.tsx";
import { Slider } from "./slider.tsx";
import { Textbox } from "./textbox.tsx";
import { Timer } from "./timer.tsx";
import { UploadButton } from "./upload-button.tsx";

/**
 * Renderers of the leaf components, by config type; layouts live in `layout/`. Typed against core's component
 * types: a component defined in core without a renderer here fails the type check.
 */
export const COMPONENTS: { readonly [T in LeafType]: ComponentType<RendererProps> } = {
  textbox: Textbox,
  number: NumberBox,
  slider: Slider,
  checkbox: Checkbox,
  dropdown: Dropdown,
  radio: Radio,
  image: Image,
  file: lazyRenderer(() => import("./file-box.tsx").then((m) => m.default)),
  uploadbutton: UploadButton,
  downloadbutton: DownloadButton,
  gallery: lazyRenderer(() => import("./gallery/gallery.tsx").then((m) => m.default)),
  markdown: Markdown,
  json: JsonView,
  label: LabelView,
  button: Button,
  clearbutton: ClearButton,
  examples: Examples,
  chatbot: Chatbot,
  timer: Timer,
  html: HtmlView,
  code: Code,
  dataframe: Dataframe,
  lineplot: LinePlot,
  barplot: BarPlot,
  scatterplot: ScatterPlot,
  plot: Plot,
  checkboxgroup: CheckboxGroup,
  colorpicker: ColorPicker,
  datetime: DateTime,
  highlightedtext: HighlightedText,
};
