import { mimeTypeOf, OCTET_STREAM } from "../files/mime-types.ts";

/** The Content-Type for a file name; unknown kinds are served as opaque bytes. */
export function contentTypeOf(fileName: string): string {
  return withCharset(mimeTypeOf(fileName) ?? OCTET_STREAM);
}

/** Text is served as UTF-8, so that no browser guesses another encoding. */
export function withCharset(mimeType: string): string {
  return mimeType.startsWith("text/") || mimeType === "application/json" ? `${mimeType}; charset=utf-8` : mimeType;
}
