/** An upload's progress bar while it runs (`progress` from 0 to 1; nothing when `null`). */
export function UploadProgress({ progress, className }: { readonly progress: number | null; readonly className?: string }) {
  if (progress === null) return null;
  return (
    <progress className={className ? `bw-upload-progress ${className}` : "bw-upload-progress"} max={1} value={progress} aria-label="Upload progress">
      {Math.round(progress * 100)}%
    </progress>
  );
}

/** Why the last upload was refused or failed, announced to the user. */
export function UploadProblem({ problem }: { readonly problem: string | null }) {
  if (!problem) return null;
  return (
    <p className="bw-file-problem" role="alert">
      {problem}
    </p>
  );
}
