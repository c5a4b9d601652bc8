interface FieldLabelProps {
  /** The control it names; omit when the label wraps its control. */
  readonly htmlFor?: string;
  readonly id?: string;
  readonly label: string | undefined;
  readonly info: string | undefined;
}

/** A component's title (its accessible name) and its hint. */
export function FieldLabel({ htmlFor, id, label, info }: FieldLabelProps) {
  if (!label && !info) return null;
  return (
    <div className="bw-field-head">
      {label ? (
        <label className="bw-label" htmlFor={htmlFor} id={id}>
          {label}
        </label>
      ) : null}
      {info ? <div className="bw-info">{info}</div> : null}
    </div>
  );
}

/** A DOM id for a component's control, so that its `<label>` can point at it. */
export const controlId = (id: number, part = "input"): string => `bw-${id}-${part}`;
