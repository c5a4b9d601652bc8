/**
 * The CPU-bound handler's work, shared by the Blockwork app and the bare reference processes so that both run the
 * very same loop. Its size is a count of iterations, not a duration: under other load on the machine, a loop that
 * ran until a deadline would finish on time with less CPU, and hide that CPU was short.
 */
export function busyLoop(iterations: number): number {
  // A xorshift: cheap, and its result is returned, so the JIT can't drop the loop.
  let x = 2_463_534_242;
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x >>> 0;
}

/**
 * How many iterations of `busyLoop` take `targetMs` of this process's CPU time: the best (fastest) of a few
 * samples, so that a sample interrupted by other work doesn't make the job shorter than intended.
 */
export function calibrateBusyLoop(targetMs: number): number {
  const sample = 2_000_000;
  busyLoop(sample);
  let bestUs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const before = process.cpuUsage();
    busyLoop(sample);
    const used = process.cpuUsage(before);
    bestUs = Math.min(bestUs, used.user + used.system);
  }
  return Math.round((sample * targetMs * 1000) / Math.max(bestUs, 1));
}
