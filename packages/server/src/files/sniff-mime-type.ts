/** Leading bytes of the kinds a handler commonly returns as bare bytes (`Uint8Array`), checked in order. */
const SIGNATURES: readonly (readonly [type: string, bytes: readonly (number | null)[]])[] = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/gif", [0x47, 0x49, 0x46, 0x38]],
  ["image/webp", [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]],
  ["audio/wav", [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x41, 0x56, 0x45]],
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["audio/ogg", [0x4f, 0x67, 0x67, 0x53]],
  ["audio/mpeg", [0x49, 0x44, 0x33]],
  ["video/webm", [0x1a, 0x45, 0xdf, 0xa3]],
  ["video/mp4", [null, null, null, null, 0x66, 0x74, 0x79, 0x70]],
  ["application/zip", [0x50, 0x4b, 0x03, 0x04]],
];

/** The media type bytes begin like, for a handler's bare bytes that come with no name; undefined when unknown. */
export function sniffMimeType(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find(([, signature]) => signature.length <= bytes.length && signature.every((b, i) => b === null || bytes[i] === b))?.[0];
}
