/**
 * Normalizes a mount point to `/segment/…/` form: leading and trailing slash, no empty, `.` or `..` segments.
 * @throws when the path can't be a mount point.
 */
export function normalizeBasePath(basePath: string): string {
  const segments = basePath.split("/").filter((s) => s !== "");
  for (const segment of segments) {
    if (segment === "." || segment === ".." || /[?#%\\]/.test(segment)) {
      throw new Error(`basePath "${basePath}" must be plain path segments, e.g. "/hello/"`);
    }
  }
  return segments.length === 0 ? "/" : `/${segments.join("/")}/`;
}
