import { watch, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";

export interface FileWatch {
  /** Watches these files from now on (after a reload that imports other files). */
  set(files: readonly string[]): void;
  close(): void;
}

/**
 * Calls `changed` once a burst of edits to any of the files has settled for `settleMs`. Watches their folders
 * rather than the files: editors that save by writing a new file and renaming it over the old one would
 * otherwise leave a watch on a file that no longer exists.
 */
export function watchFiles(changed: () => void, settleMs = 60): FileWatch {
  const watchers = new Map<string, FSWatcher>();
  let names = new Map<string, Set<string>>();
  let timer: NodeJS.Timeout | null = null;
  const touched = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      changed();
    }, settleMs);
  };
  return {
    set(files) {
      names = new Map();
      for (const file of files) {
        const folder = dirname(file);
        let inFolder = names.get(folder);
        if (!inFolder) names.set(folder, (inFolder = new Set()));
        inFolder.add(basename(file));
      }
      for (const [folder, watcher] of watchers) {
        if (names.has(folder)) continue;
        watcher.close();
        watchers.delete(folder);
      }
      for (const folder of names.keys()) {
        if (watchers.has(folder)) continue;
        const watcher = watch(folder, (_event, name) => {
          if (name === null || names.get(folder)?.has(name.toString())) touched();
        });
        // A folder that goes away (a branch switch) is watched again after the next successful load.
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
      }
    },
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
