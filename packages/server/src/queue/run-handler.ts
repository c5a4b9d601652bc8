import type { HandlerContext, HandlerEntry } from "@blockwork/core";

/**
 * Calls a handler and settles with its result, whatever kind of function it is: a sync throw and a rejection
 * both reject; an async iterable streams each value to `onPartial` and settles with the last one.
 */
export async function runHandler(
  entry: HandlerEntry,
  args: readonly unknown[],
  context: HandlerContext,
  options: { readonly signal: AbortSignal; readonly onPartial: (value: unknown) => void },
): Promise<unknown> {
  const result: unknown = await entry.fn(...args, context);
  if (!isAsyncIterable(result)) return result;
  let last: unknown;
  for await (const value of result) {
    // Leaving the loop calls the iterator's return(), so a cancelled generator stops at its next yield.
    if (options.signal.aborted) break;
    last = value;
    options.onPartial(value);
  }
  return last;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}
