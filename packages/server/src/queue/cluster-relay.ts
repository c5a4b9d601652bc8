import type { JobMessage } from "@blockwork/core";
import type { MaybePromise, SlotClaim } from "./store/queue-store.ts";

/** A job of a session as a shared store knows it, for a process the session just connected to. */
export type SessionJob =
  | { readonly id: string; readonly phase: "waiting"; readonly groupId: string; readonly dependencyId: number }
  | { readonly id: string; readonly phase: "running"; readonly dependencyId: number };

/** What a process learns when a session connects to it. */
export interface SessionArrival {
  /** Messages of its jobs that came while it was connected nowhere, oldest first. */
  readonly held: readonly JobMessage[];
  /** Its unfinished jobs, wherever they were submitted or run. */
  readonly jobs: readonly SessionJob[];
}

/** What other processes send this one. */
export type RelayEvent =
  /** A message of a job that runs elsewhere, for a session connected here (or that was). */
  | { readonly kind: "job"; readonly sessionId: string; readonly message: JobMessage }
  /** Cancel a job that runs here, on its session's behalf. */
  | { readonly kind: "cancel"; readonly jobId: string; readonly sessionId: string }
  /** A slot another process freed, handed to this one because its next job was submitted here: it runs here now. */
  | { readonly kind: "claim"; readonly claim: SlotClaim }
  /** A session connected here has connected to another process since: its messages go there now. */
  | { readonly kind: "moved"; readonly sessionId: string }
  /**
   * A job this process reserved to follow in one of its slots left the queue, or is passed over (its session went
   * away): it must not start here.
   */
  | { readonly kind: "unreserved"; readonly jobId: string };

/** What a shared store recovered from processes that died. */
export interface ReapedProcesses {
  /** Jobs that were running there, with their sessions: their clients get an error. */
  readonly lostJobs: readonly { readonly id: string; readonly sessionId: string }[];
  /** Slots freed there and handed to this process. */
  readonly claims: readonly SlotClaim[];
  /** Sessions that were connected there: away now, their waiting jobs parked for the grace period. */
  readonly awaySessions: readonly string[];
}

/**
 * How the processes of a cluster reach each other, for a runtime on a shared store: a job runs wherever a slot
 * was claimed, and its messages travel to wherever its session is connected now, or wait for its return.
 */
export interface ClusterRelay {
  readonly processId: string;
  /** Where events from other processes go; set once by the runtime. */
  listen(listener: (event: RelayEvent) => void): void;
  /**
   * Sends a job message to the process the session is connected to, or holds it until the session connects
   * somewhere. `notHere`: this process no longer has the session, whatever the registry says.
   */
  deliver(sessionId: string, message: JobMessage, notHere?: boolean): MaybePromise<void>;
  /** Cancels a job this process does not know: a waiting one leaves, a running one is told on its process. */
  cancel(jobId: string, sessionId: string): MaybePromise<"left" | "sent" | "unknown">;
  /** A connection of the session is here now: its messages come here; returns what it missed and its jobs. */
  arrive(sessionId: string): MaybePromise<SessionArrival>;
  /** The session's connection here closed: unless it is connected elsewhere, its waiting jobs are parked. */
  away(sessionId: string): MaybePromise<void>;
  /** The session's grace period is over: unless it is connected somewhere, its parked jobs leave; their ids. */
  expire(sessionId: string): MaybePromise<readonly string[]>;
  /**
   * The next claim made by a process that runs no handlers (`role: "web"`), for this process to run; waits until
   * there is one. Rejects once the relay is closed.
   */
  nextDispatched(): Promise<SlotClaim | null>;
  /** Frees what dead processes held (their lease ran out). */
  reap(): MaybePromise<ReapedProcesses>;
}
