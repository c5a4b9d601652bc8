import { lazyRenderer } from "./lazy-renderer.tsx";

/** Source code in an editor; CodeMirror loads with the first one a page shows. */
export const Code = lazyRenderer(() => import("./code/code-editor.tsx").then((m) => m.CodeEditor));
