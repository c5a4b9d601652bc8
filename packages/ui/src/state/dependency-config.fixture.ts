import type { DependencyConfig } from "@blockwork/core";

/** A dependency's config for runner tests: what compile would give a plain listener, with overrides. */
export function dependencyConfig(d: Partial<DependencyConfig> & Pick<DependencyConfig, "id" | "apiName" | "triggers">): DependencyConfig {
  return {
    inputs: [1],
    outputs: [2],
    apiVisibility: "public",
    description: null,
    queue: true,
    groupId: `api:${d.apiName}`,
    concurrencyLimit: 1,
    hasHandler: true,
    triggerMode: "once",
    showProgress: "full",
    showProgressOn: null,
    cancels: [],
    then: [],
    success: [],
    timeoutMs: null,
    batch: null,
    ...d,
  };
}
