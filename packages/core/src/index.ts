// The DSL
export { listener, isListener } from "./dsl/listener.ts";
export { on } from "./dsl/on.ts";
export { update, isUpdate } from "./dsl/update.ts";
export { isComponent, flattenChildren } from "./dsl/node.ts";
export { Blocks, Row, Column, Group, Tabs, Tab, Accordion } from "./components/layout.ts";
export { Textbox, Markdown } from "./components/text.ts";
export { NumberBox, Slider } from "./components/number.ts";
export { Checkbox, Dropdown, Radio } from "./components/choice.ts";
export { Image } from "./components/media.ts";
export { FileBox, FILE_VALUE_SCHEMA } from "./components/file-box.ts";
export { UploadButton } from "./components/upload-button.ts";
export { DownloadButton } from "./components/download-button.ts";
export { Gallery, splitGalleryItem } from "./components/gallery.ts";
export { Json, Label } from "./components/data.ts";
export { Button, ClearButton } from "./components/button.ts";
export { Examples } from "./components/examples.ts";
export { State } from "./components/state.ts";
export { Chatbot } from "./components/chatbot.ts";
export { Timer } from "./components/timer.ts";
export { HTML } from "./components/html.ts";
export { Code } from "./components/code.ts";
export { Dataframe, columnTypes, cellFits } from "./components/dataframe.ts";
export { LinePlot, BarPlot, ScatterPlot, Plot } from "./components/plot.ts";
export { CheckboxGroup } from "./components/choice.ts";
export { ColorPicker } from "./components/color-picker.ts";
export { DateTime } from "./components/date-time.ts";
export { HighlightedText } from "./components/highlighted-text.ts";

// One definition per component kind: value, checks, schema
export { COMPONENT_DEFINITIONS, definitionOf, fileSlotOf } from "./components/registry.ts";

// Compiling an app
export { compile } from "./compile/compile.ts";
export { BlockworkError, ConfigError } from "./errors/blockwork-error.ts";

// The wire protocol
export { EVENTS, ERROR_CODES, isOutputUpdate } from "./protocol/messages.ts";
export { checkJoinRequest, checkCancelRequest } from "./protocol/validate-client-message.ts";
export { createValueChecker, checkInputValue, checkOutputValue, describeComponent, DEFAULT_VALUE_LIMITS } from "./protocol/validate-input-value.ts";
export { QueuePosition } from "./protocol/queue-position.ts";
export { PROTOCOL_VERSION } from "./config/app-config.ts";

// Files
export { checkFileValue, isFileValue } from "./files/file-value.ts";
export { matchesFileTypes, checkFileTypes } from "./files/file-types.ts";

export type { Component, AnyComponent, Child, Json as JsonValue } from "./dsl/node.ts";
export type {
  Listener,
  AnyListener,
  ListenerOptions,
  QueueOptions,
  EventOptions,
  EventName,
  ListenerBinding,
  TriggerMode,
  ShowProgress,
  ApiVisibility,
  FollowUps,
} from "./dsl/listener.ts";
export type {
  BatchContext,
  BatchHandler,
  BatchInputValues,
  BatchOutputReturn,
  Handler,
  HandlerContext,
  HandlerResult,
  InputValues,
  JobControls,
  OutputReturn,
  OutputValue,
  ProgressValue,
  HandlerRequest,
  ValueOf,
  OutputOf,
} from "./dsl/handler-types.ts";
export type { Update, UpdateProps } from "./dsl/update.ts";
export type { CommonProps, LayoutProps } from "./components/common-props.ts";
export type { ComponentDefinition, ConfigProps, CheckContext, JsonSchema, FileSlot } from "./components/definition.ts";
export type { ComponentType, LayoutType, LeafType } from "./components/registry.ts";
export type { AppQueueOptions, BlocksProps } from "./components/layout.ts";
export type { TextboxProps, MarkdownProps } from "./components/text.ts";
export type { NumberBoxProps, SliderProps } from "./components/number.ts";
export type { CheckboxProps, DropdownProps, MultiDropdownProps, RadioProps } from "./components/choice.ts";
export type { ImageProps, ImageValue } from "./components/media.ts";
export type { FileBoxProps, FileOutputValue } from "./components/file-box.ts";
export type { UploadButtonProps } from "./components/upload-button.ts";
export type { DownloadButtonProps } from "./components/download-button.ts";
export type { GalleryProps, GalleryItem, GalleryOutputItem } from "./components/gallery.ts";
export type { JsonProps, LabelProps, LabelValue } from "./components/data.ts";
export type { ButtonProps, ClearButtonProps } from "./components/button.ts";
export type { ExamplesProps } from "./components/examples.ts";
export type { ChatbotProps, ChatMessage } from "./components/chatbot.ts";
export type { TimerProps } from "./components/timer.ts";
export type { HTMLProps } from "./components/html.ts";
export type { CodeProps, CodeLanguage } from "./components/code.ts";
export type { DataframeProps, DataframeValue, ColumnType } from "./components/dataframe.ts";
export type { RowPlotProps, ScatterPlotProps, PlotProps, PlotRow, PlotSpec } from "./components/plot.ts";
export type { CheckboxGroupProps } from "./components/choice.ts";
export type { ColorPickerProps } from "./components/color-picker.ts";
export type { DateTimeProps } from "./components/date-time.ts";
export type { HighlightedTextProps, HighlightedTextValue } from "./components/highlighted-text.ts";
export type { CompiledApp, HandlerEntry, ValueSlot } from "./compile/compiled-app.ts";
export type {
  AppConfig,
  AppLimits,
  AppQueueConfig,
  ComponentConfig,
  DependencyConfig,
  GroupConfig,
  LayoutNode,
  TriggerConfig,
} from "./config/app-config.ts";
export type {
  AlertLevel,
  AlertMessage,
  AppNotice,
  CancelReply,
  CancelRequest,
  ClientToServerEvents,
  CompleteMessage,
  ErrorCode,
  ErrorMessage,
  ErrorPayload,
  Cell,
  CellSelectData,
  EventData,
  ItemSelectData,
  ImageSelectData,
  PointSelectData,
  GroupMessage,
  HandshakeAuth,
  Hello,
  JobMessage,
  JoinReply,
  JoinRequest,
  OutputUpdate,
  PartialMessage,
  ProgressMessage,
  QueuedMessage,
  QueueEstimate,
  ServerMessage,
  ServerToClientEvents,
  StartedMessage,
  TickMessage,
} from "./protocol/messages.ts";
export type { Checked } from "./protocol/validate-client-message.ts";
export type { ValueChecker, ValueLimits } from "./protocol/validate-input-value.ts";
export type { PositionSnapshot } from "./protocol/queue-position.ts";
export type { FileValue } from "./files/file-value.ts";
