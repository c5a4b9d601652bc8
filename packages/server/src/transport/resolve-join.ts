import { checkJoinRequest, type AppConfig, type DependencyConfig, type ErrorPayload } from "@blockwork/core";

export type ResolvedJoin =
  | { readonly ok: true; readonly dependency: DependencyConfig; readonly data: readonly unknown[] }
  | { readonly ok: false; readonly error: ErrorPayload };

/** Checks an untrusted `join` against the protocol and the app: its shape, its API name, its input count. */
export function createJoinResolver(config: AppConfig): (request: unknown) => ResolvedJoin {
  const byApiName = new Map(config.dependencies.map((d) => [d.apiName, d]));
  return (request) => {
    const checked = checkJoinRequest(request);
    if (!checked.ok) return { ok: false, error: { code: "validation", message: checked.message } };
    const { apiName, data } = checked.value;
    const dependency = byApiName.get(apiName);
    if (!dependency) {
      return { ok: false, error: { code: "unknown_api", message: `No listener is named "${apiName}". Known API names: ${[...byApiName.keys()].slice(0, 20).join(", ") || "none"}.` } };
    }
    if (data.length !== dependency.inputs.length) {
      const expected = dependency.inputs.length;
      return { ok: false, error: { code: "validation", message: `${apiName} takes ${expected} input${expected === 1 ? "" : "s"}; got ${data.length}.` } };
    }
    return { ok: true, dependency, data };
  };
}
