import { useEffect, useState } from "react";

/** Copies `text()` to the clipboard; says "Copied" for a moment, or that the browser refused. */
export function CopyButton({ text }: { readonly text: () => string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="bw-copy"
      aria-live="polite"
      onClick={() => {
        navigator.clipboard.writeText(text()).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
    </button>
  );
}
