import type { ReactNode } from "react";
import { useView } from "../app/use-stores.ts";
import { Block, type RendererProps } from "./block.tsx";
import { controlId } from "./field-label.tsx";
import { str } from "./read-props.ts";

/** What the body of a prose block needs to be named by its label. */
export interface ProseBodyProps {
  readonly role: string | undefined;
  readonly labelledBy: string | undefined;
}

/**
 * A bare block of prose (Markdown, HTML): no panel, its label (if any) above it, and `body` given the role and id
 * that make the label its accessible name.
 */
export function ProseBlock({ id, style, body }: RendererProps & { readonly body: (value: string, names: ProseBodyProps) => ReactNode }) {
  const { type, props, value } = useView(id);
  const source = typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
  const label = str(props, "label");
  return (
    <Block id={id} type={type} props={props} style={style} panel={false}>
      {label ? (
        <div className="bw-label" id={controlId(id, "label")}>
          {label}
        </div>
      ) : null}
      {body(source, { role: label ? "group" : undefined, labelledBy: label ? controlId(id, "label") : undefined })}
    </Block>
  );
}
