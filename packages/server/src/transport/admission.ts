import type { ErrorPayload } from "@blockwork/core";
import type { WaitingCounts } from "./waiting-counts.ts";

/** Caps on waiting jobs, checked before a join reaches the queue. `null`: no cap. */
export interface AdmissionLimits {
  readonly maxJobsPerSession: number | null;
  readonly maxJobsPerIp: number | null;
}

/** Refuses a join with `rate_limited` while its session (or its address) already has its cap of jobs waiting. */
export function checkAdmission(waiting: WaitingCounts, limits: AdmissionLimits, sessionId: string, ip: string): ErrorPayload | undefined {
  const { maxJobsPerSession: perSession, maxJobsPerIp: perIp } = limits;
  if (perSession !== null && waiting.ofSession(sessionId) >= perSession) {
    return { code: "rate_limited", message: `This session already has ${perSession} jobs waiting, the most allowed. Wait for one to start, or cancel one.` };
  }
  if (perIp !== null && waiting.ofIp(ip) >= perIp) {
    return { code: "rate_limited", message: `Your address already has ${perIp} jobs waiting, the most allowed. Wait for one to start.` };
  }
  return undefined;
}
