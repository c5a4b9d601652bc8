import { isFileValue } from "@blockwork/core";
import { lazy, Suspense, useRef, useState, type ClipboardEvent, type DragEvent } from "react";
import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { basePath } from "../connection/base-path.ts";
import { fileHref } from "../files/file-url.ts";
import { uploadFiles } from "../files/upload-files.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { bool, isInteractive, num, str } from "./read-props.ts";
import { UploadProblem, UploadProgress } from "../files/upload-status.tsx";

// Only pages that open the webcam download it.
const WebcamCapture = lazy(() => import("./webcam-capture.tsx"));

/**
 * Shows an image; as an input, takes one uploaded by the file chooser, drag and drop, paste or the webcam (sent to
 * `POST <base>upload`; the value is the issued file value, or its absolute URL for `type: "url"`), or a URL typed in
 * (`type: "url"` only).
 */
export function Image({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const [dragging, setDragging] = useState(false);
  const [webcam, setWebcam] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const uploads = useRef(0);
  const src = fileHref(value);
  const label = str(props, "label");
  const interactive = isInteractive(props);
  const takesUrls = props.type === "url";
  const height = num(props, "height");

  const upload = (file: File | undefined) => {
    if (!file) return;
    if (!file.type.startsWith("image/")) {
      setProblem(`${file.name} is not an image.`);
      return;
    }
    const mine = ++uploads.current;
    setProblem(null);
    setProgress(0);
    uploadFiles(basePath(location.pathname), [file], (fraction) => mine === uploads.current && setProgress(fraction)).then(
      ([issued]) => {
        if (mine !== uploads.current) return;
        setProgress(null);
        runner.edit(id, takesUrls ? new URL(issued!.url, new URL(basePath(location.pathname), location.href)).href : issued!);
      },
      (error: unknown) => {
        if (mine !== uploads.current) return;
        setProgress(null);
        setProblem(error instanceof Error ? error.message : String(error));
      },
    );
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    upload(e.dataTransfer.files[0]);
  };
  const onPaste = (e: ClipboardEvent) => {
    const file = [...e.clipboardData.files].find((f) => f.type.startsWith("image/"));
    if (!file) return;
    e.preventDefault();
    upload(file);
  };
  const typedUrl = takesUrls && typeof value === "string" && !isFileValue(value) ? value : "";

  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel htmlFor={interactive && takesUrls ? controlId(id) : undefined} id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div
        role="group"
        aria-labelledby={label ? controlId(id, "label") : undefined}
        tabIndex={interactive ? 0 : undefined}
        className={dragging ? "bw-image-frame bw-dragging" : "bw-image-frame"}
        style={height === undefined ? undefined : { height }}
        onDragOver={interactive ? (e) => (e.preventDefault(), setDragging(true)) : undefined}
        onDragLeave={interactive ? () => setDragging(false) : undefined}
        onDrop={interactive ? onDrop : undefined}
        onPaste={interactive ? onPaste : undefined}
      >
        {webcam ? (
          <Suspense fallback={<div className="bw-empty">Starting the camera…</div>}>
            <WebcamCapture
              onCapture={(file) => {
                setWebcam(false);
                upload(file);
              }}
              onError={(message) => {
                setWebcam(false);
                setProblem(message);
              }}
            />
          </Suspense>
        ) : src ? (
          <img src={src} alt={label ?? "image"} />
        ) : (
          <div className="bw-empty">{interactive ? "Drop an image here, paste one or upload a file" : "No image"}</div>
        )}
        <UploadProgress progress={progress} className="bw-image-progress" />
      </div>
      <UploadProblem problem={problem} />
      {interactive ? (
        <div className="bw-image-controls">
          {takesUrls ? (
            <input
              id={controlId(id)}
              className="bw-input"
              type="url"
              aria-label={label ? undefined : "Image URL"}
              placeholder="https://…"
              value={typedUrl}
              onChange={(e) => runner.edit(id, e.target.value === "" ? null : e.target.value)}
            />
          ) : null}
          <label className="bw-button bw-button-secondary bw-button-sm bw-file">
            Upload
            <input
              type="file"
              accept="image/*"
              aria-label="Upload image file"
              onChange={(e) => {
                upload(e.target.files?.[0]);
                e.target.value = "";
              }}
            />
          </label>
          {bool(props, "webcam") !== false ? (
            <button type="button" className="bw-button bw-button-secondary bw-button-sm" onClick={() => setWebcam((on) => !on)}>
              {webcam ? "Close camera" : "Webcam"}
            </button>
          ) : null}
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
