import { isFileValue, type FileValue } from "@blockwork/core";

/** An upload the server refused or that failed on the way, with the server's message when it gave one. */
export class UploadError extends Error {}

/**
 * Sends `files` to `POST <base>upload` (multipart, field `files`) and resolves with the file values the server
 * issued, in order. XHR rather than `fetch`: only XHR reports upload progress (`onProgress`, 0 to 1).
 */
export function uploadFiles(base: string, files: readonly File[], onProgress: (fraction: number) => void): Promise<FileValue[]> {
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${base}upload`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new UploadError("The upload failed: the connection was lost."));
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status === 200 && Array.isArray(body) && body.length === files.length && body.every(isFileValue)) {
        onProgress(1);
        resolve(body);
        return;
      }
      const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
      reject(new UploadError(typeof message === "string" ? message : `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.send(form);
  });
}
