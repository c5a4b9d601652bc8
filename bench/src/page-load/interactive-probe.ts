/**
 * A script for the page, run before any of its own (Playwright `addInitScript`): records in
 * `window.__bwInteractiveAt` the `performance.now()` (ms since navigation start) at which the page first becomes
 * interactive, meaning the button labelled `buttonText` is enabled and the text field labelled `fieldLabel` is
 * visible. A MutationObserver checks on every DOM change (so the instant is exact), and animation frames catch
 * style-only changes such as a stylesheet arriving.
 *
 * Plain JavaScript in a string, not a function: tsx compiles functions with esbuild's `__name` helper, which
 * does not exist in the page.
 */
export function interactiveProbe(buttonText: string, fieldLabel: string): string {
  return `(() => {
  const buttonText = ${JSON.stringify(buttonText)};
  const fieldLabel = ${JSON.stringify(fieldLabel)};
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const labelOf = (el) => [...(el.labels || [])].map((l) => l.textContent || "").join(" ") + (el.getAttribute("aria-label") || "");
  const interactive = () => {
    const button = [...document.querySelectorAll("button")].find((b) => (b.textContent || "").trim() === buttonText);
    if (!button || button.disabled || button.getAttribute("aria-disabled") === "true" || !visible(button)) return false;
    const field = [...document.querySelectorAll("input, textarea")].find((el) => labelOf(el).includes(fieldLabel));
    return field !== undefined && visible(field);
  };
  const check = () => {
    if (window.__bwInteractiveAt !== undefined) return;
    if (interactive()) {
      window.__bwInteractiveAt = performance.now();
      observer.disconnect();
    } else requestAnimationFrame(check);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  requestAnimationFrame(check);
})();`;
}
