import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface UiSize {
  readonly files: number;
  readonly raw: number;
  /** At zlib's default level, as a server compressing on the fly would send it. */
  readonly gzip: number;
}

/** Raw and gzipped size of the built UI's JS and CSS (`ui-dist/assets/*.js`, `*.css`). */
export function uiSize(uiDist: string): UiSize {
  const assets = join(uiDist, "assets");
  const files = readdirSync(assets).filter((name) => name.endsWith(".js") || name.endsWith(".css"));
  let raw = 0;
  let gzip = 0;
  for (const name of files) {
    const bytes = readFileSync(join(assets, name));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files: files.length, raw, gzip };
}
