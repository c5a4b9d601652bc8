import { useApp } from "../app/app-context.ts";
import { useBusy, useView } from "../app/use-stores.ts";
import { useUpload } from "../files/use-upload.ts";
import { Block, type RendererProps } from "./block.tsx";
import { buttonClass } from "./button.tsx";
import { controlId } from "./field-label.tsx";
import { isInteractive, str, strings } from "./read-props.ts";
import { UploadProblem, UploadProgress } from "../files/upload-status.tsx";

/**
 * A button that opens the file chooser (a `<label>` around a hidden file input, so the click is the user's own)
 * and uploads what is picked with its progress on the button; the value is then the issued file value(s), and
 * `upload` fires after `change`.
 */
export function UploadButton({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props } = useView(id);
  const busy = useBusy(id);
  const multiple = props.fileCount === "multiple";
  const fileTypes = strings(props, "fileTypes");
  const interactive = isInteractive(props);
  const { upload, progress, problem } = useUpload({
    multiple,
    fileTypes,
    onUploaded: (issued) => {
      runner.edit(id, multiple ? issued : issued[0]!);
      runner.trigger(id, "upload");
    },
  });
  const text = str(props, "label") ?? (multiple ? "Upload files" : "Upload a file");
  const uploading = progress !== null;

  return (
    <Block id={id} type={type} props={props} style={style} panel={false}>
      <label
        className={`${buttonClass(props, "secondary")} bw-file bw-upload-button`}
        aria-disabled={!interactive || undefined}
        aria-busy={uploading || busy || undefined}
      >
        {uploading || busy ? <span className="bw-button-spinner" aria-hidden="true" /> : null}
        {uploading ? `Uploading… ${Math.round(progress * 100)}%` : text}
        <input
          id={controlId(id)}
          type="file"
          multiple={multiple}
          disabled={!interactive || uploading}
          accept={fileTypes.length > 0 ? fileTypes.join(",") : undefined}
          aria-label={text}
          onChange={(e) => {
            upload([...(e.target.files ?? [])]);
            e.target.value = "";
          }}
        />
      </label>
      <UploadProgress progress={progress} />
      <UploadProblem problem={problem} />
    </Block>
  );
}
