/**
 * Calls a handler and settles with its result, whatever kind of function it is: a sync throw and a rejection
 * both reject; an async iterable streams each value to `onPartial` and settles with the last one (or with the
 * generator's own return value, if it returns one).
 *
 * When `signal()` aborts, a streaming handler is closed at once: the pending step is abandoned and the iterator's
 * `return()` runs (an async generator's `finally` blocks run as soon as its current step ends). The promise
 * settles only when the handler has really stopped, so that the caller frees the slot no earlier.
 */
export async function runHandler(
  fn: (...args: any[]) => unknown,
  args: readonly unknown[],
  options: { readonly signal: () => AbortSignal; readonly onPartial: (value: unknown) => void },
): Promise<unknown> {
  const result: unknown = await fn(...args);
  if (!isAsyncIterable(result)) return result;
  const signal = options.signal();
  const iterator = result[Symbol.asyncIterator]();
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener("abort", () => resolve(ABORTED), { once: true });
  });
  let last: unknown;
  for (;;) {
    const step = await Promise.race([iterator.next(), aborted]);
    if (step === ABORTED) {
      await iterator.return?.().catch(() => undefined);
      return last;
    }
    if (step.done) return step.value === undefined ? last : step.value;
    last = step.value;
    try {
      options.onPartial(step.value);
    } catch (error) {
      // A yielded value that can't be sent fails the job; the generator is closed like a cancelled one.
      await iterator.return?.().catch(() => undefined);
      throw error;
    }
  }
}

const ABORTED = Symbol("aborted");

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}
