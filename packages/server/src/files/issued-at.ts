import { relative, sep } from "node:path";
import { isInside } from "../http/safe-path.ts";
import { isFileId } from "./file-id.ts";
import type { FileStore, StoredFile } from "./file-store.ts";

/**
 * The file the store issued at exactly `path` (absolute and normalised, as the store gave it), checked on disk like
 * any `get`; null for any other path. A path names its file by its first folder under the root, the file's id, so
 * this costs one `get`, and a path dressed up with `..` or a second name in the same folder is not the issued one.
 */
export async function issuedAt(store: FileStore, path: string): Promise<StoredFile | null> {
  if (!isInside(path, store.root) || path.includes("\0")) return null;
  const id = relative(store.root, path).split(sep)[0]!;
  const stored = isFileId(id) ? await store.get(id) : null;
  return stored?.value.path === path ? stored : null;
}
