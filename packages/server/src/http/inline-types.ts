/**
 * Types a browser may show in the page's own origin: they never run script there. Everything else a user sent,
 * HTML and SVG included (an SVG is a document that runs script when opened), is sent as an attachment.
 */
const INLINE = new Set([
  "image/png",
  "image/apng",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
  "image/x-icon",
  "image/vnd.microsoft.icon",
  "application/pdf",
  "text/plain",
]);

/** Whether a cached file of this type is served `inline` rather than as a download. */
export function isServedInline(mimeType: string): boolean {
  return INLINE.has(mimeType) || /^(audio|video)\/[a-z0-9.+-]+$/.test(mimeType);
}
