const UPDATE = Symbol.for("blockwork.update");

/** Props a handler may change on an output, besides (or instead of) its value. */
export interface UpdateProps<T> {
  value?: T;
  visible?: boolean;
  label?: string;
  choices?: readonly string[];
  interactive?: boolean;
  /** A Timer's: start or stop its ticks. */
  active?: boolean;
}

/** A handler's result for one output that changes its props; see `update()`. */
export interface Update<T> {
  readonly [UPDATE]: true;
  readonly props: UpdateProps<T>;
}

/**
 * Returns an output's new props instead of a bare value, e.g. `update({ visible: true })`. Without a `value`
 * it fits an output of any type (`T` defaults to `never`).
 */
export function update<T = never>(props: UpdateProps<T>): Update<T> {
  return { [UPDATE]: true, props };
}

export function isUpdate(value: unknown): value is Update<unknown> {
  return typeof value === "object" && value !== null && (value as { [UPDATE]?: unknown })[UPDATE] === true;
}
