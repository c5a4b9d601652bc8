import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { uiSize } from "./ui-size.ts";

test("the base is the entry and what it imports; each lazy part counts only what it adds; languages on top of their editor", () => {
  const dist = mkdtempSync(join(tmpdir(), "ui-size-"));
  mkdirSync(join(dist, ".vite"));
  mkdirSync(join(dist, "assets"));
  const files: Record<string, number> = { "index.js": 100, "runtime.js": 10, "index.css": 20, "grid.js": 50, "grid.css": 5, "editor.js": 200, "python.js": 30, "shared.js": 40 };
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dist, "assets", file), "x".repeat(bytes));
  const manifest = {
    "index.html": { file: "assets/index.js", isEntry: true, imports: ["_runtime.js"], css: ["assets/index.css"], dynamicImports: ["src/grid.tsx", "src/editor.tsx"] },
    "_runtime.js": { file: "assets/runtime.js" },
    "_shared.js": { file: "assets/shared.js", imports: ["_runtime.js"] },
    "src/grid.tsx": { file: "assets/grid.js", src: "src/grid.tsx", imports: ["index.html", "_shared.js"], css: ["assets/grid.css"] },
    "src/editor.tsx": { file: "assets/editor.js", src: "src/editor.tsx", imports: ["_shared.js"], dynamicImports: ["../../node_modules/.pnpm/x/node_modules/@codemirror/lang-python/dist/index.js"] },
    "../../node_modules/.pnpm/x/node_modules/@codemirror/lang-python/dist/index.js": {
      file: "assets/python.js",
      src: "../../node_modules/.pnpm/x/node_modules/@codemirror/lang-python/dist/index.js",
      imports: ["src/editor.tsx"],
    },
  };
  writeFileSync(join(dist, ".vite", "manifest.json"), JSON.stringify(manifest));
  const size = uiSize(dist);
  expect(size.base).toMatchObject({ name: "base", files: 3, raw: 130 });
  expect(size.lazy).toEqual([expect.objectContaining({ name: "grid", files: 3, raw: 95 }), expect.objectContaining({ name: "editor", files: 2, raw: 240 })]);
  expect(size.languages).toEqual([expect.objectContaining({ name: "lang-python", files: 1, raw: 30 })]);
});
