import { matchesFileTypes, type FileValue } from "@blockwork/core";
import { useRef, useState } from "react";
import { basePath } from "../connection/base-path.ts";
import { uploadFiles } from "./upload-files.ts";

/** A component's uploads: start one, follow its progress, read why the last one failed. */
export interface Upload {
  /** Uploads `picked` (the first only unless `multiple`); a file of a type not in `fileTypes` is refused here. */
  readonly upload: (picked: readonly File[]) => void;
  /** From 0 to 1 while an upload runs; `null` otherwise. */
  readonly progress: number | null;
  /** Why the last upload was refused or failed, for the user. */
  readonly problem: string | null;
}

/**
 * Uploads to `POST <base>upload` with progress, then hands the issued file values to `onUploaded`. A newer upload
 * supersedes an older one still running: only the last one's result is kept.
 */
export function useUpload(options: { readonly multiple: boolean; readonly fileTypes: readonly string[]; readonly onUploaded: (issued: FileValue[]) => void }): Upload {
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const uploads = useRef(0);
  const { multiple, fileTypes, onUploaded } = options;

  const upload = (picked: readonly File[]) => {
    if (picked.length === 0) return;
    const chosen = multiple ? picked : picked.slice(0, 1);
    // The server refuses them too; checking first spares the user a wasted upload.
    const wrong = fileTypes.length === 0 ? undefined : chosen.find((f) => !matchesFileTypes({ name: f.name, mimeType: f.type }, fileTypes));
    if (wrong) {
      setProblem(`${wrong.name} is not one of the accepted types (${fileTypes.join(", ")}).`);
      return;
    }
    const mine = ++uploads.current;
    setProblem(null);
    setProgress(0);
    uploadFiles(basePath(location.pathname), chosen, (fraction) => mine === uploads.current && setProgress(fraction)).then(
      (issued) => {
        if (mine !== uploads.current) return;
        setProgress(null);
        onUploaded(issued);
      },
      (error: unknown) => {
        if (mine !== uploads.current) return;
        setProgress(null);
        setProblem(error instanceof Error ? error.message : String(error));
      },
    );
  };
  return { upload, progress, problem };
}
