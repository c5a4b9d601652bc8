/** One browser tab or API client: its id and its State values, which outlive a short disconnect. */
export interface Session {
  readonly id: string;
  /** State values by component id. */
  readonly state: Map<number, unknown>;
}
