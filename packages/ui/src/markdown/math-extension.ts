import "katex/dist/katex.min.css";
import markedKatex from "marked-katex-extension";

/** `$inline$` and `$$display$$` LaTeX typeset by KaTeX; a formula with an error shows its source in red. */
export const mathExtension = markedKatex({ throwOnError: false, nonStandard: false });
