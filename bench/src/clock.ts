/**
 * Milliseconds since the epoch with sub-millisecond resolution. Every process of the bench (server, load
 * generators, the parent) stamps events with this, so that a handler's start in the server and a position the
 * client showed can be compared directly: they share the machine's clock.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
