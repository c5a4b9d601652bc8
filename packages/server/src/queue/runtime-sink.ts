import type { GroupMessage, JobMessage } from "@blockwork/core";
import type { Job } from "./job.ts";

/** How the runtime talks to the outside: a transport adapts it, tests record it. */
export interface RuntimeSink {
  /** A message for the connection that owns the job. */
  send(job: Job, message: JobMessage): void;
  /** A message of a job that runs in another process, for one of this process's connections. */
  deliver(connection: string, message: JobMessage): void;
  /** One message for every connection with a job waiting in the group. */
  broadcast(message: GroupMessage): void;
  /**
   * How much longer the group's next update should wait, in ms (0 or absent: no wait). A transport whose
   * broadcasts cost time per connection paces big rooms with it; the group's departures are sent together later.
   */
  holdGroupUpdateMs?(groupId: string): number;
  /** The job started waiting in its group (its owner should now hear the group's updates). */
  enteredQueue(job: Job): void;
  /** The job stopped waiting: it started, or was cancelled or dropped. */
  leftQueue(job: Job): void;
  /**
   * In a cluster: the connection's session connected to another process since, which hears its messages from now
   * on; a connection that still reads here (a second reader of the same call) should be told and ended.
   */
  superseded?(connection: string): void;
}

/**
 * Observers around a queued job's slot, used by the test gates. `beforeHandler` may hold the job (slot taken,
 * `started` sent) until it resolves.
 */
export interface RuntimeHooks {
  jobStarted?(job: Job): void;
  jobEnded?(job: Job): void;
  beforeHandler?(job: Job): Promise<void> | void;
}
