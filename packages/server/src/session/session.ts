/** One browser tab or API client: its id and its State values, which outlive a short disconnect. */
export interface Session {
  readonly id: string;
  /** Who logged in, when the app has `auth`: handlers see it as `ctx.session.username`. */
  username?: string;
  /** State values by component id. */
  readonly state: Map<number, unknown>;
  /**
   * Choices that handlers gave this session's Dropdowns and Radios (`update({ choices })`), by component id:
   * its inputs are checked against these instead of the config's.
   */
  choices?: Map<number, readonly string[]>;
  /** Timer settings that handlers changed, by component id, as a cluster brings them from another process. */
  timers?: Map<number, { readonly intervalMs: number; readonly active: boolean }>;
}
