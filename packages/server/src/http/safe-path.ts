import { realpath, stat } from "node:fs/promises";
import { isAbsolute, resolve, sep } from "node:path";

export type SafePath = { readonly ok: true; readonly file: string; readonly size: number } | { readonly ok: false; readonly status: 400 | 404 };

/**
 * Decodes a request path exactly once and refuses what could escape: undecodable escapes and NUL bytes (400),
 * `..` segments in any encoding (`..`, `%2e%2e`, `..%2f`), and anything that does not resolve, symlinks
 * followed, to a file inside one of `roots` (404). `absolute`: the path names a file from the file system's
 * root (the `file/` route); otherwise it is relative to the first root.
 */
export async function resolveSafePath(encoded: string, roots: readonly string[], options: { readonly absolute: boolean }): Promise<SafePath> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes("\0")) return { ok: false, status: 400 };
  if (decoded.split(/[/\\]/).some((segment) => segment === "..")) return { ok: false, status: 404 };
  if (!options.absolute && (isAbsolute(decoded) || decoded.startsWith("/"))) return { ok: false, status: 404 };
  const candidates = options.absolute ? [resolve("/", decoded)] : roots.slice(0, 1).map((root) => resolve(root, decoded));
  for (const file of candidates) {
    for (const root of roots) {
      const base = resolve(root);
      if (!isInside(file, base)) continue;
      // The real paths decide: a symlink inside the folder that points out of it is refused.
      const [realFile, realBase] = await Promise.all([realpath(file).catch(() => null), realpath(base).catch(() => null)]);
      if (realFile === null || realBase === null || !isInside(realFile, realBase)) continue;
      const info = await stat(realFile).catch(() => null);
      if (info?.isFile()) return { ok: true, file: realFile, size: info.size };
    }
  }
  return { ok: false, status: 404 };
}

/** Whether `file` is `base` or under it (both absolute and normalized, symlinks already resolved where it matters). */
export function isInside(file: string, base: string): boolean {
  return file === base || file.startsWith(base.endsWith(sep) ? base : base + sep);
}
