import { useState, type DragEvent } from "react";
import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { isInteractive, num, str } from "./read-props.ts";

/** Shows an image; as an input, takes a URL, a picked file or a dropped file (sent as a data URI). */
export function Image({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const [dragging, setDragging] = useState(false);
  const src = typeof value === "string" && value !== "" ? value : null;
  const label = str(props, "label");
  const interactive = isInteractive(props);
  const height = num(props, "height");
  const pick = (file: File | undefined) => {
    if (!file || !file.type.startsWith("image/")) return;
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === "string") runner.edit(id, reader.result);
    };
    reader.readAsDataURL(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    pick(e.dataTransfer.files[0]);
  };
  const isDataUri = src?.startsWith("data:") ?? false;
  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel htmlFor={interactive ? controlId(id) : undefined} id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div
        role={interactive ? undefined : "group"}
        aria-labelledby={!interactive && label ? controlId(id, "label") : undefined}
        className={dragging ? "bw-image-frame bw-dragging" : "bw-image-frame"}
        style={height === undefined ? undefined : { height }}
        onDragOver={interactive ? (e) => (e.preventDefault(), setDragging(true)) : undefined}
        onDragLeave={interactive ? () => setDragging(false) : undefined}
        onDrop={interactive ? onDrop : undefined}
      >
        {src ? (
          <img src={src} alt={label ?? "image"} />
        ) : (
          <div className="bw-empty">{interactive ? "Drop an image here, paste a URL or upload a file" : "No image"}</div>
        )}
      </div>
      {interactive ? (
        <div className="bw-image-controls">
          <input
            id={controlId(id)}
            className="bw-input"
            type="url"
            aria-label={label ? undefined : "Image URL"}
            placeholder="https://…"
            value={src && !isDataUri ? src : ""}
            onChange={(e) => runner.edit(id, e.target.value === "" ? null : e.target.value)}
          />
          <label className="bw-button bw-button-secondary bw-button-sm bw-file">
            Upload
            <input type="file" accept="image/*" aria-label="Upload image file" onChange={(e) => pick(e.target.files?.[0])} />
          </label>
          {src ? (
            <button type="button" className="bw-button bw-button-secondary bw-button-sm" onClick={() => runner.edit(id, null)}>
              Remove
            </button>
          ) : null}
        </div>
      ) : null}
    </Block>
  );
}
