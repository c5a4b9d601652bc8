/** A wrong result: the bench stops and exits non-zero, since a fast wrong server is worth nothing. */
export class BenchFailure extends Error {
  override name = "BenchFailure";
}

/** Fails the run loudly when a correctness condition does not hold. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new BenchFailure(message);
}
