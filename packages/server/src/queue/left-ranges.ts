/**
 * Tickets that left a group's waiting list since the last group update, kept as `[from, to)` ranges. Jobs
 * mostly leave from the head, in ticket order, so a burst of starts stays one range.
 */
export class LeftRanges {
  #ranges: [number, number][] = [];
  #count = 0;

  /** How many tickets are pending. */
  get count(): number {
    return this.#count;
  }

  add(ticket: number): void {
    this.#count++;
    const last = this.#ranges[this.#ranges.length - 1];
    if (last && last[1] === ticket) last[1]++;
    else this.#ranges.push([ticket, ticket + 1]);
  }

  /** How many pending tickets are below `ticket`. */
  countBelow(ticket: number): number {
    let n = 0;
    for (const [from, to] of this.#ranges) n += Math.max(0, Math.min(to, ticket) - from);
    return n;
  }

  /** The pending ranges, sorted and merged, flattened into pairs; clears them. */
  take(): number[] {
    const ranges = this.#ranges.sort((a, b) => a[0] - b[0]);
    this.#ranges = [];
    this.#count = 0;
    const out: number[] = [];
    for (const [from, to] of ranges) {
      if (out.length > 0 && out[out.length - 1] === from) out[out.length - 1] = to;
      else out.push(from, to);
    }
    return out;
  }
}
