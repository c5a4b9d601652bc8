import { Blocks, Button, compile, type AnyComponent, type AnyListener, type AppQueueOptions, type ErrorPayload } from "@blockwork/core";
import type { Logger } from "../logger.ts";
import { stateIdsByPlace } from "../dev/state-ids.ts";
import { QueueRuntime, type QueueRuntimeOptions } from "../queue/queue-runtime.ts";
import type { Session } from "../session/session.ts";
import { FakeClock } from "./fake-clock.ts";
import { RecordingSink } from "./recording-sink.ts";

export interface RuntimeHarnessOptions {
  /** The app's queue settings. */
  readonly queue?: AppQueueOptions;
  readonly runtime?: Partial<QueueRuntimeOptions>;
  /** Components placed before the listeners' buttons (inputs, outputs, State, Timers). */
  readonly components?: readonly AnyComponent[];
}

/**
 * A queue runtime over a fake clock and a recording sink, for unit tests: each listener on a button of its own,
 * job ids `j0, j1, …`, one session per owner.
 */
export function runtimeHarness(listeners: readonly AnyListener[], options: RuntimeHarnessOptions = {}) {
  const clock = new FakeClock();
  const sink = new RecordingSink();
  const logged: string[] = [];
  const logger: Logger = { error: (m) => logged.push(m), warn: (m) => logged.push(m) };
  const compileApp = (of: readonly AnyListener[], components = options.components) =>
    compile(Blocks({ ...(options.queue ? { queue: options.queue } : {}), children: [...(components ?? []), ...of.map((l) => Button({ onClick: l }))] }));
  let compiled = compileApp(listeners);
  let n = 0;
  const runtime = new QueueRuntime({ compiled, sink, logger, clock, newId: () => `j${n++}`, ...options.runtime });
  const sessions = new Map<string, Session>();
  const sessionOf = (owner: string): Session => {
    let s = sessions.get(owner);
    if (!s) sessions.set(owner, (s = { id: `session-${owner}`, state: new Map(compiled.stateInitials) }));
    return s;
  };
  /** Submits a job; its id, or the refusal. */
  const trySubmit = (apiName: string, data: unknown[], owner = "a"): string | ErrorPayload => {
    const dependency = compiled.config.dependencies.find((d) => d.apiName === apiName)!;
    const reply = runtime.submit({ owner, session: sessionOf(owner), dependencyId: dependency.id, data });
    if (reply instanceof Promise) throw new Error("the memory store answers synchronously");
    return reply.ok ? reply.job.id : reply.error;
  };
  /** Submits a job that must be accepted; its id. */
  const submit = (apiName: string, data: unknown[], owner = "a"): string => {
    const result = trySubmit(apiName, data, owner);
    if (typeof result !== "string") throw new Error(result.message);
    return result;
  };
  /** Swaps in an edited app, as `blockwork dev` does; later submits go to its listeners. */
  const reload = (next: readonly AnyListener[], components = options.components): void => {
    const previous = compiled;
    compiled = compileApp(next, components);
    runtime.reload(compiled, stateIdsByPlace(previous, compiled));
  };
  return {
    clock,
    sink,
    logged,
    runtime,
    submit,
    trySubmit,
    reload,
    get compiled() {
      return compiled;
    },
    sessionOf,
  };
}
