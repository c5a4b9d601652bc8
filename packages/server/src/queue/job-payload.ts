import type { EventData, HandlerRequest } from "@blockwork/core";
import type { Job } from "./job.ts";

/** What a process needs to run a job that another process admitted. */
export interface JobPayload {
  readonly dependencyId: number;
  readonly sessionId: string;
  readonly username?: string;
  readonly data: readonly unknown[];
  readonly request: HandlerRequest;
  readonly eventData?: EventData;
}

/** The job's payload as the shared store keeps it: its inputs were checked at the edge, so they are JSON. */
export function jobPayload(job: Job): string {
  const payload: JobPayload = {
    dependencyId: job.dependency.id,
    sessionId: job.session.id,
    ...(job.session.username === undefined ? {} : { username: job.session.username }),
    data: job.data,
    request: job.request,
    ...(job.eventData === undefined ? {} : { eventData: job.eventData }),
  };
  return JSON.stringify(payload);
}

/** A payload read back, or `null` if there is none (or it is not one). */
export function readJobPayload(text: string | undefined): JobPayload | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<JobPayload>;
    if (typeof value.dependencyId !== "number" || typeof value.sessionId !== "string" || !Array.isArray(value.data) || typeof value.request !== "object") return null;
    return value as JobPayload;
  } catch {
    return null;
  }
}
