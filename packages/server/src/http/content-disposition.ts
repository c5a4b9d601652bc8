/**
 * A `Content-Disposition` header for a file sent under the name its uploader gave it. Whatever the name holds
 * (quotes, backslashes, CR/LF, `;`, non-ASCII), the header stays one well-formed line: `filename` gets a plain
 * ASCII stand-in, and `filename*` the real name percent-encoded as UTF-8 (RFC 5987 / 6266), which browsers prefer.
 */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
