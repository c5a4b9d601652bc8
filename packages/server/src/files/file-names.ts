// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Longest name a file value keeps, in characters. */
const MAX_NAME_CHARS = 255;

/**
 * The name a file value keeps of what a sender called it: the last segment of a path (old browsers sent whole
 * ones), control characters replaced by `_` (a CR/LF in a name would reach logs and headers), at most 255
 * characters. Quotes and non-ASCII stay: `Content-Disposition` encodes them (RFC 5987).
 */
export function displayName(original: string): string {
  const last = original.replaceAll("\\", "/").split("/").pop()!;
  const name = Array.from(last.replace(CONTROL, "_").trim()).slice(0, MAX_NAME_CHARS).join("");
  return name === "" || name === "." || name === ".." ? "file" : name;
}

/** Longest name kept on disk, in UTF-8 bytes: below every common file system's 255, with room for the id's folder. */
const MAX_BYTES = 200;

/**
 * A file name that is safe as one path segment on disk, kept as close to the original as possible so that a handler
 * sees `cat.png`: only its last segment (either slash), control characters and the characters Windows forbids
 * replaced by `_`, no leading dot (no hidden or `..` names), at most 200 bytes with the extension kept.
 */
export function diskName(original: string): string {
  let name = displayName(original).replace(/[<>:"|?*]/g, "_").replace(/^[.\s]+/, "").trim();
  if (name === "") name = "file";
  if (Buffer.byteLength(name) <= MAX_BYTES) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
  let stem = "";
  let bytes = Buffer.byteLength(extension);
  for (const char of name.slice(0, name.length - extension.length)) {
    bytes += Buffer.byteLength(char);
    if (bytes > MAX_BYTES) break;
    stem += char;
  }
  return stem + extension;
}
