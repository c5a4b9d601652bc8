import type { GalleryItem } from "@blockwork/core";
import { useEffect, useState } from "react";
import { useApp } from "../../app/app-context.ts";
import { useView } from "../../app/use-stores.ts";
import { fileHref } from "../../files/file-url.ts";
import { Block, type RendererProps } from "../block.tsx";
import { controlId, FieldLabel } from "../field-label.tsx";
import { bool, num, str } from "../read-props.ts";
import { GalleryPreview } from "./gallery-preview.tsx";
import "./gallery.css";

/**
 * A grid of captioned images. Clicking one fires `select` with `{ kind: "image", index, value }` and, unless
 * `allowPreview` is false, opens it large (see `GalleryPreview`); `preview` opens the first one from the start.
 */
export default function Gallery({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const items = galleryItems(value);
  const allowPreview = bool(props, "allowPreview") ?? true;
  const [open, setOpen] = useState<number | null>(allowPreview && bool(props, "preview") === true && items.length > 0 ? 0 : null);
  const label = str(props, "label");
  const columns = Math.max(1, Math.round(num(props, "columns") ?? 3));
  const height = num(props, "height");
  const fit = str(props, "objectFit") === "contain" ? "contain" : "cover";

  // A new value may be shorter than the open image's index, or arrive when `preview` asks for one open.
  useEffect(() => {
    if (open !== null && open >= items.length) setOpen(items.length > 0 ? items.length - 1 : null);
    else if (open === null && allowPreview && bool(props, "preview") === true && items.length > 0) setOpen(0);
  }, [items.length]);

  const select = (index: number) => {
    const item = items[index];
    if (!item) return;
    runner.trigger(id, "select", { eventData: { kind: "image", index, value: { image: item.image, caption: item.caption }, selected: true } });
    if (allowPreview) setOpen(index);
  };

  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div role="group" aria-labelledby={label ? controlId(id, "label") : undefined} className="bw-gallery" style={height === undefined ? undefined : { height }}>
        {open !== null && items[open] ? (
          <GalleryPreview items={items} index={open} onMove={select} onClose={() => setOpen(null)} />
        ) : items.length === 0 ? (
          <div className="bw-empty bw-gallery-empty">No images</div>
        ) : (
          <ul className="bw-gallery-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
            {items.map((item, i) => (
              <li key={`${i}:${fileHref(item.image)}`}>
                <button type="button" className="bw-gallery-thumb" aria-label={item.caption ?? `Image ${i + 1}`} onClick={() => select(i)}>
                  <img src={fileHref(item.image) ?? undefined} alt={item.caption ?? ""} style={{ objectFit: fit }} loading="lazy" />
                  {item.caption ? <span className="bw-gallery-caption">{item.caption}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Block>
  );
}

/** The value's items that can be shown; the server only sends `{ image, caption }` items, so this is a guard. */
function galleryItems(value: unknown): readonly GalleryItem[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is GalleryItem => typeof item === "object" && item !== null && "image" in item && fileHref((item as GalleryItem).image) !== null);
}
