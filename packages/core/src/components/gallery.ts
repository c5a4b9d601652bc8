import { createComponent, type Wiring } from "../dsl/create-component.ts";
import type { AnyComponent, Component } from "../dsl/node.ts";
import { checkFileValue, type FileValue } from "../files/file-value.ts";
import type { CommonProps } from "./common-props.ts";
import { anyOf, defineComponent, nullable, type JsonSchema } from "./definition.ts";
import { FILE_VALUE_SCHEMA, type FileOutputValue } from "./file-box.ts";
import { checkImageOutput } from "./media.ts";
import { checkEach, describe, expected, isPlainObject, type ValueLimits } from "./value-checks.ts";

/** One image of a Gallery, as its handlers get it and its page shows it. */
export interface GalleryItem {
  /** A file value the server holds, or an http(s) URL a handler gave (passed to the browser; never fetched). */
  readonly image: FileValue | string;
  readonly caption: string | null;
}

/**
 * What a handler may return for one image: the image alone, `[image, caption]` or `{ image, caption }`, the image
 * being anything an Image output takes (a path, bytes, a `data:image` URI, an http(s) URL or a file value).
 */
export type GalleryOutputItem =
  | FileOutputValue
  | readonly [image: FileOutputValue, caption: string | null]
  | { readonly image: FileOutputValue; readonly caption?: string | null };

/**
 * The image and caption of one item a handler returned, whichever of its three shapes it has (see
 * `GalleryOutputItem`); the server stores `image` and sends `{ image, caption }`. A bare file value is an image.
 */
export function splitGalleryItem(item: unknown): { readonly image: unknown; readonly caption: unknown } {
  if (Array.isArray(item)) return { image: item[0], caption: item[1] ?? null };
  if (typeof item === "object" && item !== null && isPlainObject(item) && "image" in item) return { image: item.image, caption: item.caption ?? null };
  return { image: item, caption: null };
}

const ITEM_FIELDS: readonly string[] = ["image", "caption"];

function checkItems(value: unknown, limits: ValueLimits, checkItem: (item: unknown) => string | undefined): string | undefined {
  if (value === null) return undefined;
  return Array.isArray(value) ? checkEach(value, "image", limits, checkItem) : expected("a list of images", value);
}

const checkCaption = (caption: unknown): string | undefined =>
  caption === null || caption === undefined || typeof caption === "string" ? undefined : expected("a caption as a string or null", caption);

/** An item a client sends: `{ image, caption }`, the image a file value (the server then checks it issued it) or an http(s) URL. */
function checkInputItem(item: unknown): string | undefined {
  const what = "an item { image, caption }";
  if (typeof item !== "object" || item === null || Array.isArray(item) || !isPlainObject(item)) return expected(what, item);
  const extra = Object.keys(item).find((key) => !ITEM_FIELDS.includes(key));
  if (extra !== undefined) return `expects ${what}; got an unknown field ${JSON.stringify(extra.slice(0, 40))}`;
  const { image } = item;
  if (typeof image === "string") {
    if (!(/^https?:\/\/[^\s]+$/i.test(image) && URL.canParse(image))) return `expects an image as a file value or an http(s) URL; got ${describe(image)}`;
  } else {
    const problem = checkFileValue(image);
    if (problem) return problem;
  }
  return checkCaption(item.caption);
}

function checkOutputItem(item: unknown, limits: ValueLimits): string | undefined {
  if (Array.isArray(item) && (item.length === 0 || item.length > 2)) return `expects [image, caption]; got ${describe(item)}`;
  if (typeof item === "object" && item !== null && !Array.isArray(item) && isPlainObject(item) && "image" in item) {
    const extra = Object.keys(item).find((key) => !ITEM_FIELDS.includes(key));
    if (extra !== undefined) return `expects { image, caption }; got an unknown field ${JSON.stringify(extra.slice(0, 40))}`;
  }
  const { image, caption } = splitGalleryItem(item);
  if (image === null || image === undefined) return expected("an image, [image, caption] or { image, caption }", image);
  return checkImageOutput(image, limits) ?? checkCaption(caption);
}

const ITEM_SCHEMA: JsonSchema = {
  type: "object",
  properties: { image: anyOf(FILE_VALUE_SCHEMA, { type: "string", format: "uri", description: "an http(s) URL" }), caption: { type: ["string", "null"] } },
  required: ["image"],
  additionalProperties: false,
};

export const gallery = defineComponent({
  type: "gallery",
  name: "Gallery",
  kind: "value",
  children: "none",
  initial: () => null,
  checkInput: (value, { limits }) => checkItems(value, limits, checkInputItem),
  checkOutput: (value, { limits }) => checkItems(value, limits, (item) => checkOutputItem(item, limits)),
  schema: () => nullable({ type: "array", items: ITEM_SCHEMA }),
  files: () => ({ multiple: true, fileTypes: ["image/*"], captioned: true }),
});

export interface GalleryProps<I extends readonly AnyComponent[], O extends readonly AnyComponent[]>
  extends CommonProps,
    Wiring<"onSelect" | "onChange", I, O> {
  /** How many images a row holds. @default 3 */
  columns?: number;
  /** The grid's height in CSS pixels; more rows scroll. @default as tall as its images */
  height?: number;
  /** Clicking an image opens it large, with previous/next (and the arrow keys) and close (Escape). @default true */
  allowPreview?: boolean;
  /** Open the first image large as soon as there is one (needs `allowPreview`). @default false */
  preview?: boolean;
  /** How an image fills its square in the grid. @default "cover" */
  objectFit?: "cover" | "contain";
}

/**
 * A grid of images with captions (Gradio's `Gallery`). A handler fills it with a list of images, each alone, as
 * `[image, caption]` or as `{ image, caption }` (see `GalleryOutputItem`); as an input it gives `GalleryItem[]`.
 * Clicking an image fires `select`, whose `ctx.eventData` is `{ kind: "image", index, value: { image, caption } }`.
 */
export function Gallery<const I extends readonly AnyComponent[] = [], const O extends readonly AnyComponent[] = []>(
  props: GalleryProps<I, O> = {},
): Component<GalleryItem[] | null, readonly GalleryOutputItem[] | null> {
  return createComponent(gallery, props);
}
