import { isOutputUpdate, type JobMessage } from "@blockwork/core";
import type { Job } from "../queue/job.ts";

/**
 * Remembers choices a job's outputs set (`update({ choices })`) on its session, for checking later inputs; true if
 * it set any.
 */
export function recordChoices(job: Job, message: JobMessage): boolean {
  if (message.type !== "complete" && message.type !== "partial") return false;
  let changed = false;
  message.data.forEach((value, i) => {
    if (!isOutputUpdate(value)) return;
    const choices = value.__update__.choices;
    const componentId = job.dependency.outputs[i];
    if (componentId === undefined || !Array.isArray(choices)) return;
    (job.session.choices ??= new Map()).set(componentId, choices.filter((c): c is string => typeof c === "string"));
    changed = true;
  });
  return changed;
}
