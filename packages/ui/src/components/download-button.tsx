import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { fileHref, fileName } from "../files/file-url.ts";
import { Block, type RendererProps } from "./block.tsx";
import { buttonClass } from "./button.tsx";
import { str } from "./read-props.ts";

/**
 * A button that downloads its file: a link with `download` while it has one (downloading is not editing, so an
 * output's read-only state doesn't disable it), a disabled button until then. A click also fires `click`.
 */
export function DownloadButton({ id, style }: RendererProps) {
  const { runner } = useApp();
  const { type, props, value } = useView(id);
  const href = fileHref(value);
  const text = str(props, "label") ?? "Download";
  return (
    <Block id={id} type={type} props={props} style={style} panel={false}>
      {href ? (
        <a className={`${buttonClass(props, "secondary")} bw-download-button`} href={href} download={fileName(value)} onClick={() => runner.trigger(id, "click")}>
          <DownloadIcon />
          {text}
        </a>
      ) : (
        <button type="button" className={`${buttonClass(props, "secondary")} bw-download-button`} disabled>
          <DownloadIcon />
          {text}
        </button>
      )}
    </Block>
  );
}

function DownloadIcon() {
  return (
    <svg className="bw-download-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d="M8 2v8m0 0L4.5 6.5M8 10l3.5-3.5M2.5 13.5h11" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
