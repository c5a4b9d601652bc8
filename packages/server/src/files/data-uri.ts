/** `data:[<type>][;param=value]*[;base64],<data>` (RFC 2397). */
const DATA_URI = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,/i;

/** The type and bytes of a data URI, or null when it is not one. */
export function parseDataUri(uri: string): { readonly mimeType: string; readonly bytes: Uint8Array } | null {
  const match = DATA_URI.exec(uri);
  if (!match) return null;
  const data = uri.slice(match[0].length);
  const bytes = match[3] ? Buffer.from(data, "base64") : percentDecoded(data);
  return { mimeType: match[1]!.trim().toLowerCase() || "text/plain", bytes };
}

/** `%XX` escapes as the bytes they stand for (not as UTF-8 text: `%FF` is one byte), the rest as its UTF-8. */
function percentDecoded(text: string): Uint8Array {
  const raw = Buffer.from(text, "utf8");
  const out = Buffer.alloc(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    const escape = raw[i] === 0x25 && i + 2 < raw.length ? Number.parseInt(raw.subarray(i + 1, i + 3).toString("latin1"), 16) : Number.NaN;
    if (Number.isNaN(escape) || !/^[0-9a-f]{2}$/i.test(raw.subarray(i + 1, i + 3).toString("latin1"))) {
      out[length++] = raw[i]!;
    } else {
      out[length++] = escape;
      i += 2;
    }
  }
  return out.subarray(0, length);
}
