/** Typed reads of config props (which are JSON of any shape): a prop of the wrong type reads as absent. */

type Props = Readonly<Record<string, unknown>>;

export const str = (props: Props, key: string): string | undefined => {
  const v = props[key];
  return typeof v === "string" ? v : undefined;
};

export const num = (props: Props, key: string): number | undefined => {
  const v = props[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
};

export const bool = (props: Props, key: string): boolean | undefined => {
  const v = props[key];
  return typeof v === "boolean" ? v : undefined;
};

export const strings = (props: Props, key: string): string[] => {
  const v = props[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
};

export const ids = (props: Props, key: string): number[] => {
  const v = props[key];
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : [];
};

/** Outputs are read-only: compile sets `interactive: false` on components only handlers write. */
export const isInteractive = (props: Props): boolean => props.interactive !== false;
