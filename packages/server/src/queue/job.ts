import type { DependencyConfig, EventData, HandlerEntry, ProgressMessage, HandlerRequest } from "@blockwork/core";
import type { Session } from "../session/session.ts";
import type { Batch } from "./batch.ts";
import type { SlotClaim } from "./store/queue-store.ts";
import type { HeldMessages } from "./held-messages.ts";
import type { Throttle } from "./throttle.ts";

export type JobPhase = "waiting" | "running" | "done";

/** One submitted event: what to run, for whom, and where it is in its life. */
export class Job {
  readonly id: string;
  /**
   * The connection that receives its messages; `null` while that connection is gone (a running job waits for
   * its session to come back, see `held`) and for jobs no connection submitted (`onUnload`).
   */
  owner: string | null;
  readonly session: Session;
  /** Rebound when the app reloads (`blockwork dev`): a waiting job runs its listener's new handler. */
  dependency: DependencyConfig;
  entry: HandlerEntry;
  /** `null` for `queue: false` listeners, which run outside any group. */
  readonly groupId: string | null;
  readonly data: readonly unknown[];
  readonly request: HandlerRequest;
  readonly eventData: EventData | undefined;
  phase: JobPhase = "waiting";
  /** Its place in the group's queue; set only if it had to wait. */
  ticket = -1;
  /** The slot it runs in (for a batch, every job of it); `null` until it starts, and for `queue: false` jobs. */
  claim: SlotClaim | null = null;
  /**
   * In a cluster: the job runs (or ran) in another process and is only watched here, for its client's sake.
   */
  remote = false;
  /** Set once the client has been told how the job ended (a cancelled job may still be running). */
  settled = false;
  startedAt = 0;
  /** The batch it runs in, for `batch` listeners. */
  batch: Batch | null = null;
  /** Messages kept for a running job whose connection dropped, until its session reconnects. */
  held: HeldMessages | null = null;
  /** The latest progress not yet sent, and the throttle that sends it. */
  progress: ProgressMessage | null = null;
  progressThrottle: Throttle | null = null;
  alerts = 0;

  constructor(init: Pick<Job, "id" | "owner" | "session" | "dependency" | "entry" | "groupId" | "data" | "request" | "eventData">) {
    this.id = init.id;
    this.owner = init.owner;
    this.session = init.session;
    this.dependency = init.dependency;
    this.entry = init.entry;
    this.groupId = init.groupId;
    this.data = init.data;
    this.request = init.request;
    this.eventData = init.eventData;
  }

  get apiName(): string {
    return this.dependency.apiName;
  }

  /**
   * Aborted when the job is cancelled or times out; the handler sees it as `ctx.signal`. Created on first use:
   * most handlers never look, and an AbortController per job is a measurable share of an instant job's cost.
   */
  get signal(): AbortSignal {
    this.#abort ??= new AbortController();
    if (this.#aborted) this.#abort.abort();
    return this.#abort.signal;
  }

  /** Aborts `signal`, now or when it is first asked for. */
  abort(): void {
    this.#aborted = true;
    this.#abort?.abort();
  }

  #abort: AbortController | null = null;
  #aborted = false;
}
