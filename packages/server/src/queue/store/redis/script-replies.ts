import type { QueueEstimate } from "@blockwork/core";
import { lineEstimate } from "../line-estimate.ts";
import type { SlotClaim } from "../queue-store.ts";
import type { ScriptReply } from "./script-runner.ts";

/** A claim as a script returns it, with the claimed listener's average run time for the local cache. */
export interface ClaimReply {
  readonly claim: SlotClaim;
  readonly dependencyId: number;
  readonly listenerAverageMs: number | null;
}

/** A group as `groupState` in common.lua reports it. */
export interface GroupState {
  readonly waiting: number;
  /** Departures logged in the group this epoch. */
  readonly logLength: number;
  readonly estimate: QueueEstimate | null;
}

export function parseClaims(reply: ScriptReply): ClaimReply[] {
  return reply.map((item) => {
    const [groupId, index, jobIds, dependency, average, payloads] = item as [string, number, string[], string, string, string[]];
    return {
      claim: { groupId, index: index < 0 ? null : index, jobIds, payloads },
      dependencyId: Number(dependency),
      listenerAverageMs: average === "" ? null : Number(average),
    };
  });
}

export function parseGroupState(reply: ScriptReply, limit: number | null): GroupState {
  const [waiting, logLength, freeMs, averageUs] = reply as [number, number, number, number];
  const known = averageUs >= 0;
  return { waiting, logLength, estimate: lineEstimate(limit, known ? averageUs / 1000 : null, known ? freeMs : null) };
}
