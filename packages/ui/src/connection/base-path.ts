/**
 * The app's base path: the page URL's directory, up to and including its last `/`. The server serves the UI at
 * the app's root, which may sit under a prefix (`/hello/` in the gallery), so config and socket URLs hang off it.
 */
export function basePath(pathname: string): string {
  const cut = pathname.lastIndexOf("/");
  return cut < 0 ? "/" : pathname.slice(0, cut + 1);
}
