/** Where a file to upload comes from: a local path (Node), a URL the client downloads, or bytes in hand. */
export type FileSource = string | URL | Blob;

/**
 * A file that the client uploads (`POST <base>upload`) before it sends the job that carries it: what
 * `handleFile` returns. Stands anywhere in a job's inputs where the file's value goes.
 */
export class FileToUpload {
  /** A path, or an http(s) URL; a `Blob` (a `File` too) as given. */
  readonly source: string | URL | Blob;

  /** Use `handleFile`. */
  constructor(source: FileSource) {
    this.source = source;
  }
}

/**
 * Gradio's `handle_file`: marks a file for upload, to pass to `predict`/`submit` wherever a file input's value goes
 * (alone, or in the array of a multiple file input). A string is a path on this machine (Node only), unless it is an
 * http(s) URL; a URL is downloaded by this client and then uploaded (the server never fetches it); a `Blob` or
 * `File` is uploaded as is.
 */
export function handleFile(source: FileSource): FileToUpload {
  if (typeof source === "string" && /^https?:\/\//i.test(source)) return new FileToUpload(new URL(source));
  return new FileToUpload(source);
}
