import { fileURLToPath, pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";

/**
 * Imports `path` with a module graph of its own (tsx's `tsImport` namespaces every file it loads), so that an edit
 * to any file the app imports is seen: Node's ESM cache keeps every module it ever loaded, and a plain re-import
 * would get the old ones. Each version stays in memory, a cost only development pays. Adds to `files` the source
 * files it evaluates outside `node_modules`, what to watch for edits; even an import that fails names the files
 * it reached, since a fix in any of them is an edit to watch for.
 */
export async function loadFresh(path: string, files: Set<string>, tsconfig?: string): Promise<Record<string, unknown>> {
  files.add(path);
  return (await tsImport(pathToFileURL(path).href, {
    parentURL: import.meta.url,
    ...(tsconfig === undefined ? {} : { tsconfig }),
    onImport: (url) => {
      if (!url.startsWith("file:")) return;
      const file = fileURLToPath(url.replace(/\?.*$/, ""));
      if (!file.includes("/node_modules/")) files.add(file);
    },
  })) as Record<string, unknown>;
}
