import type { ErrorPayload } from "@blockwork/core";
import type { AdmissionCaps } from "./queue-store.ts";

/** The `rate_limited` refusal when a session or an address already has its cap of jobs waiting, else undefined. */
export function admissionRefusal(caps: AdmissionCaps, sessionWaiting: number, ipWaiting: number): ErrorPayload | undefined {
  const { maxJobsPerSession: perSession, maxJobsPerIp: perIp } = caps;
  if (perSession !== null && sessionWaiting >= perSession) {
    return { code: "rate_limited", message: `This session already has ${perSession} jobs waiting, the most allowed. Wait for one to start, or cancel one.` };
  }
  if (perIp !== null && ipWaiting >= perIp) {
    return { code: "rate_limited", message: `Your address already has ${perIp} jobs waiting, the most allowed. Wait for one to start.` };
  }
  return undefined;
}

/** The `queue_full` refusal, with when a slot should free up (ms from now) if that is known. */
export function queueFullRefusal(waiting: number, maxSize: number, freeInMs: number | null): ErrorPayload {
  return {
    code: "queue_full",
    message: `The queue is full: ${waiting} jobs are already waiting (the limit is ${maxSize}). Try again later.`,
    ...(freeInMs === null ? {} : { retryAfterMs: Math.max(1, Math.round(freeInMs)) }),
  };
}
