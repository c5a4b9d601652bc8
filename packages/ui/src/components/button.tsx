import { useApp } from "../app/app-context.ts";
import { useBusy, useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { ids, isInteractive, str } from "./read-props.ts";

/** `bw-button bw-button-<variant> bw-button-<size>` */
export function buttonClass(props: Readonly<Record<string, unknown>>, fallback: string): string {
  const variant = str(props, "variant") ?? fallback;
  return `bw-button bw-button-${variant} bw-button-${str(props, "size") ?? "md"}`;
}

/**
 * A button. While a dependency it fires is pending it shows itself busy; clicks then reach the runner, which
 * ignores them (Gradio's "once").
 */
export function Button({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const busy = useBusy(id);
  return (
    <Block id={id} type={type} props={props} style={style} panel={false}>
      <button
        type="button"
        className={buttonClass(props, "secondary")}
        aria-busy={busy || undefined}
        disabled={!isInteractive(props)}
        onClick={() => runner.trigger(id, "click")}
      >
        {busy ? <span className="bw-button-spinner" aria-hidden="true" /> : null}
        {typeof value === "string" ? value : "Run"}
      </button>
    </Block>
  );
}

/** Resets its `components` to their initial values, in the browser, without a round trip. */
export function ClearButton({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  return (
    <Block id={id} type={type} props={props} style={style} panel={false}>
      <button
        type="button"
        className={buttonClass(props, "secondary")}
        disabled={!isInteractive(props)}
        onClick={() => {
          for (const target of ids(props, "components")) runner.reset(target);
          runner.trigger(id, "click");
        }}
      >
        {typeof value === "string" && value !== "" ? value : "Clear"}
      </button>
    </Block>
  );
}
