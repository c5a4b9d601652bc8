import type { MaybePromise } from "../queue/store/queue-store.ts";
import { createJoinFileResolver, resolveEventDataFile, type JoinFiles } from "./resolve-join-files.ts";
import { checkJoinRequest, createValueChecker, type AppConfig, type DependencyConfig, type ErrorPayload, type EventData, type ValueChecker } from "@blockwork/core";

export type ResolvedJoin =
  | { readonly ok: true; readonly dependency: DependencyConfig; readonly data: readonly unknown[]; readonly eventData?: EventData }
  | { readonly ok: false; readonly error: ErrorPayload };

/**
 * Checks an untrusted `join` against the protocol and the app: its shape, its API name, and each input value
 * against its component (`choicesOf`: a session's own choices, where handlers changed them). `fromPage`: the
 * caller is a browser page of the app, the only one that may call a `private` listener. With `files`, file inputs
 * are then resolved against the file store (see `createJoinFileResolver`): the answer is a promise only for a
 * listener with a file input.
 */
export function createJoinResolver(
  config: AppConfig,
  checker: ValueChecker = createValueChecker(config),
  files?: JoinFiles,
): (request: unknown, choicesOf?: (componentId: number) => readonly string[] | undefined, fromPage?: boolean) => MaybePromise<ResolvedJoin> {
  const byApiName = new Map(config.dependencies.map((d) => [d.apiName, d]));
  const resolveFiles = files ? createJoinFileResolver(config, files) : () => null;
  return (request, choicesOf, fromPage = false) => {
    const checked = checkJoinRequest(request);
    if (!checked.ok) return { ok: false, error: { code: "validation", message: checked.message } };
    const { apiName, data, eventData } = checked.value;
    const dependency = byApiName.get(apiName);
    if (!dependency) {
      return { ok: false, error: { code: "unknown_api", message: `No listener is named "${apiName}". Known API names: ${[...byApiName.keys()].slice(0, 20).join(", ") || "none"}.` } };
    }
    if (!dependency.hasHandler || dependency.triggers.some((t) => t.event === "unload")) {
      const why = dependency.hasHandler ? "runs only when a session ends" : "has no handler on the server";
      return { ok: false, error: { code: "unknown_api", message: `${apiName} can't be called: it ${why}.` } };
    }
    if (dependency.apiVisibility === "private" && !fromPage) {
      return { ok: false, error: { code: "unknown_api", message: `${apiName} is private: only the app's own page may call it.` } };
    }
    const problem = checker.inputs(dependency, data, choicesOf);
    if (problem) return { ok: false, error: { code: "validation", message: problem } };
    const joined = (checked: readonly unknown[], event = eventData): ResolvedJoin => ({ ok: true, dependency, data: checked, ...(event === undefined ? {} : { eventData: event }) });
    const resolving = resolveFiles(dependency, data);
    const resolvingEvent = files ? resolveEventDataFile(files, dependency, eventData) : null;
    if (resolving === null && resolvingEvent === null) return joined(data);
    return Promise.all([resolving ?? { ok: true as const, data }, resolvingEvent ?? { ok: true as const, eventData }]).then(([answer, event]): ResolvedJoin => {
      if (!answer.ok) return { ok: false, error: { code: "validation", message: answer.message } };
      return event.ok ? joined(answer.data, event.eventData) : { ok: false, error: { code: "validation", message: event.message } };
    });
  };
}
