import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The JS and CSS files of one load, and their size. */
export interface LoadSize {
  readonly name: string;
  readonly files: number;
  readonly raw: number;
  /** At zlib's default level, as a server compressing on the fly would send it. */
  readonly gzip: number;
}

export interface UiSize {
  /** What every page loads: the entry's JS and CSS, what an app with only a Textbox and a Button fetches. */
  readonly base: LoadSize;
  /** What each lazy part adds the first time a page needs it (fonts and other assets not counted). */
  readonly lazy: readonly LoadSize[];
  /** The grammars the code editor loads per language, each on top of the editor. */
  readonly languages: readonly LoadSize[];
}

/** One chunk in Vite's build manifest (`ui-dist/.vite/manifest.json`). */
interface ManifestChunk {
  readonly file: string;
  readonly name?: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}

type Manifest = Readonly<Record<string, ManifestChunk>>;

/** Sizes of the built UI by load, from its build manifest: the base every page loads, then each lazy part. */
export function uiSize(uiDist: string): UiSize {
  const manifestPath = join(uiDist, ".vite", "manifest.json");
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build the UI (pnpm build:ui)`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  const size = (file: string): { raw: number; gzip: number } => {
    const bytes = readFileSync(join(uiDist, file));
    return { raw: bytes.length, gzip: gzipSync(bytes).length };
  };
  const measure = (name: string, files: ReadonlySet<string>): LoadSize => {
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const s = size(file);
      raw += s.raw;
      gzip += s.gzip;
    }
    return { name, files: files.size, raw, gzip };
  };
  const [entryKey] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry) ?? [];
  if (entryKey === undefined) throw new Error("the UI's build manifest has no entry");
  const baseFiles = filesOf(manifest, entryKey);
  const added = (key: string): Set<string> => new Set([...filesOf(manifest, key)].filter((f) => !baseFiles.has(f)));
  const lazyKeys = manifest[entryKey]!.dynamicImports ?? [];
  const languageKeys = new Set(lazyKeys.flatMap((key) => manifest[key]!.dynamicImports ?? []));
  return {
    base: measure("base", baseFiles),
    lazy: lazyKeys.map((key) => measure(nameOf(manifest, key), added(key))),
    languages: [...languageKeys].map((key) => {
      const parent = lazyKeys.find((k) => manifest[k]!.dynamicImports?.includes(key))!;
      const files = added(key);
      for (const file of filesOf(manifest, parent)) files.delete(file);
      return measure(nameOf(manifest, key), files);
    }),
  };
}

/** A chunk's JS and CSS and those of everything it imports statically: what loading it fetches. */
function filesOf(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const files = new Set<string>();
  if (seen.has(key)) return files;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) return files;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) for (const file of filesOf(manifest, imported, seen)) files.add(file);
  return files;
}

/**
 * A readable name: the module's file name (`dataframe-grid`), a dependency's package (`lang-python`), or for a
 * chunk made of shared modules (no single source) its name (`sanitize-html`), else its file's (`dist-BfZ7Sb_7`).
 */
function nameOf(manifest: Manifest, key: string): string {
  const chunk = manifest[key];
  if (chunk?.src === undefined) return chunk?.name !== undefined && chunk.name !== "dist" ? chunk.name : (chunk?.file ?? key).replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/((?:(?!node_modules\/).)*)$/.exec(chunk.src);
  if (pkg) return pkg[2]!.startsWith("dist/") ? pkg[1]!.replace(/^@[^/]+\//, "") : pkg[2]!.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  return chunk.src.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
}
