import { BlockworkError, isUpdate, type CompiledApp, type DependencyConfig, type HandlerEntry, type ValueChecker } from "@blockwork/core";
import { fileOutputStep, type OutputFiles } from "../files/store-file-outputs.ts";
import type { LoopLagMonitor } from "../monitor/loop-lag-monitor.ts";

/**
 * Wraps every handler so that (1) each value it gives an output, streamed or final, is checked against that
 * output's component before it reaches anyone (a value the page can't show becomes a clear error for its own
 * user), (2) with `files`, the files it gives file outputs are stored and become file values (see
 * `fileOutputStep`), and (3) the lag monitor knows which listener ran and how long its synchronous parts took. The
 * queue runtime calls the wrapped functions as it would the originals.
 */
export function guardHandlers(compiled: CompiledApp, checker: ValueChecker, monitor: LoopLagMonitor, files?: OutputFiles): CompiledApp {
  const dependencies = new Map(compiled.config.dependencies.map((d) => [d.id, d]));
  const handlers = new Map<number, HandlerEntry>();
  for (const [id, entry] of compiled.handlers) {
    const dependency = dependencies.get(id);
    // A batch handler returns one list per output, which the runtime splits per job: only its lag is watched.
    const check = dependency && dependency.batch === null ? (value: unknown) => checkResult(entry, dependency, checker, value) : () => {};
    const store = dependency && files ? fileOutputStep(compiled.config, entry, dependency, files) : null;
    const settle = store === null ? (value: unknown) => (check(value), value) : (value: unknown) => (check(value), store(value));
    handlers.set(id, typeof entry.fn === "function" ? { ...entry, fn: guard(entry.apiName, entry.fn, settle, monitor) } : entry);
  }
  return { ...compiled, handlers };
}

/** Checks one result (a returned or streamed value) and gives what goes on: the value, or its files stored. */
type Settle = (value: unknown) => unknown;

function guard(apiName: string, fn: (...args: any[]) => unknown, check: Settle, monitor: LoopLagMonitor): (...args: any[]) => unknown {
  return (...args: unknown[]) => {
    const leave = monitor.enter(apiName);
    let result: unknown;
    try {
      result = monitor.measure(apiName, () => fn(...args));
    } catch (error) {
      leave();
      throw error;
    }
    if (isAsyncIterable(result)) return guardStream(apiName, result, check, monitor, leave);
    if (!isPromiseLike(result)) {
      leave();
      return check(result);
    }
    return Promise.resolve(result).then(
      (value) => {
        if (isAsyncIterable(value)) return guardStream(apiName, value, check, monitor, leave);
        leave();
        return check(value);
      },
      (error: unknown) => {
        leave();
        throw error;
      },
    );
  };
}

/** Checks each streamed value, and the generator's return value; stops the generator when one is wrong. */
function guardStream(apiName: string, stream: AsyncIterable<unknown>, check: Settle, monitor: LoopLagMonitor, leave: () => void): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]() {
      const inner = stream[Symbol.asyncIterator]();
      const close = async (): Promise<void> => {
        leave();
        await inner.return?.().catch(() => undefined);
      };
      return {
        async next(...rest: [] | [unknown]) {
          let step: IteratorResult<unknown>;
          try {
            step = await monitor.measure(apiName, () => inner.next(...rest));
          } catch (error) {
            leave();
            throw error;
          }
          if (step.done) leave();
          if (step.done && step.value === undefined) return step;
          try {
            return { done: step.done, value: await check(step.value) } as IteratorResult<unknown>;
          } catch (error) {
            if (!step.done) await close();
            throw error;
          }
        },
        async return(value?: unknown) {
          leave();
          return (await inner.return?.(value)) ?? { done: true, value };
        },
        async throw(error?: unknown) {
          leave();
          if (inner.throw) return inner.throw(error);
          throw error;
        },
      };
    },
  };
}

function checkResult(entry: HandlerEntry, dependency: DependencyConfig, checker: ValueChecker, result: unknown): void {
  const slots = entry.outputs;
  const values = slots.length === 1 ? [result] : Array.isArray(result) && result.length === slots.length ? result : null;
  // A wrong count is reported by the runtime's output mapping, with its own message.
  if (values === null) return;
  slots.forEach((slot, i) => {
    if (!("wire" in slot)) return;
    const componentId = dependency.outputs[slot.wire];
    if (componentId === undefined) return;
    const value: unknown = values[i];
    const problem = checker.output(componentId, isUpdate(value) ? { __update__: value.props } : value);
    if (problem) throw new BlockworkError(`${entry.apiName} returned a value its output can't show: ${problem}.`);
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}
