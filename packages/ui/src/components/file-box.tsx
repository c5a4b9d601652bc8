import type { FileValue } from "@blockwork/core";
import { useState, type DragEvent } from "react";
import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { fileHref, fileName } from "../files/file-url.ts";
import { useUpload } from "../files/use-upload.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId, FieldLabel } from "./field-label.tsx";
import { isInteractive, num, str, strings } from "./read-props.ts";
import { UploadProblem, UploadProgress } from "../files/upload-status.tsx";

/**
 * Takes and gives files: as an input, a drop zone and a file chooser that upload to `POST <base>upload` with a
 * progress bar (the value is then the issued file values); as an output, download links.
 */
export default function FileBox({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const [dragging, setDragging] = useState(false);
  const label = str(props, "label");
  const interactive = isInteractive(props);
  const multiple = props.fileCount === "multiple";
  const fileTypes = strings(props, "fileTypes");
  const files: readonly unknown[] = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const { upload, progress, problem } = useUpload({ multiple, fileTypes, onUploaded: (issued) => runner.edit(id, multiple ? issued : issued[0]!) });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    upload([...e.dataTransfer.files]);
  };
  const height = num(props, "height");

  return (
    <Block id={id} type={type} props={props} style={style}>
      <FieldLabel htmlFor={interactive ? controlId(id) : undefined} id={controlId(id, "label")} label={label} info={str(props, "info")} />
      <div
        role="group"
        aria-labelledby={label ? controlId(id, "label") : undefined}
        className={["bw-file-zone", interactive ? "" : "bw-file-output", dragging ? "bw-dragging" : ""].filter(Boolean).join(" ")}
        style={height === undefined ? undefined : { minHeight: height }}
        onDragOver={interactive ? (e) => (e.preventDefault(), setDragging(true)) : undefined}
        onDragLeave={interactive ? () => setDragging(false) : undefined}
        onDrop={interactive ? onDrop : undefined}
      >
        {files.length > 0 ? (
          <ul className="bw-file-list">
            {files.map((file, i) => {
              const href = fileHref(file);
              const name = fileName(file);
              return (
                <li key={`${i}:${href ?? name}`}>
                  {href ? (
                    <a href={href} download={name} target="_blank" rel="noreferrer">
                      {name}
                    </a>
                  ) : (
                    name
                  )}
                  {typeof (file as FileValue).size === "number" ? <span className="bw-file-size">{formatSize((file as FileValue).size)}</span> : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <div className="bw-empty">{interactive ? `Drop ${multiple ? "files" : "a file"} here or choose ${multiple ? "them" : "one"}` : "No file"}</div>
        )}
        <UploadProgress progress={progress} />
      </div>
      <UploadProblem problem={problem} />
      {interactive ? (
        <div className="bw-image-controls">
          <label className="bw-button bw-button-secondary bw-button-sm bw-file">
            {multiple ? "Choose files" : "Choose a file"}
            <input
              id={controlId(id)}
              type="file"
              multiple={multiple}
              accept={fileTypes.length > 0 ? fileTypes.join(",") : undefined}
              aria-label={label ? undefined : multiple ? "Choose files" : "Choose a file"}
              onChange={(e) => {
                upload([...(e.target.files ?? [])]);
                e.target.value = "";
              }}
            />
          </label>
          {files.length > 0 ? (
            <button type="button" className="bw-button bw-button-secondary bw-button-sm" onClick={() => runner.edit(id, null)}>
              Clear
            </button>
          ) : null}
        </div>
      ) : null}
    </Block>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
