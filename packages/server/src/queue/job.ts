import type { DependencyConfig, HandlerEntry } from "@blockwork/core";
import type { Session } from "../session/session.ts";
import type { ConcurrencyGroup } from "./concurrency-group.ts";
import type { ListNode } from "./waiting-list.ts";

export type JobPhase = "waiting" | "running" | "done";

/** One submitted event: what to run, for whom, and where it is in its life. */
export class Job implements ListNode<Job> {
  readonly id: string;
  /** The connection that submitted it and receives its messages. */
  readonly owner: string;
  readonly session: Session;
  readonly dependency: DependencyConfig;
  readonly entry: HandlerEntry;
  /** `null` for `queue: false` listeners, which run outside any group. */
  readonly group: ConcurrencyGroup | null;
  readonly data: readonly unknown[];
  /** Aborted when the job is cancelled; handlers will see its signal (issue 5). */
  readonly abort = new AbortController();
  phase: JobPhase = "waiting";
  /** Its place in the group's queue; set only if it had to wait. */
  ticket = -1;
  /** Set once the client has been told how the job ended (a cancelled job may still be running). */
  settled = false;
  startedAt = 0;
  prev: Job | null = null;
  next: Job | null = null;

  constructor(init: Pick<Job, "id" | "owner" | "session" | "dependency" | "entry" | "group" | "data">) {
    this.id = init.id;
    this.owner = init.owner;
    this.session = init.session;
    this.dependency = init.dependency;
    this.entry = init.entry;
    this.group = init.group;
    this.data = init.data;
  }

  get apiName(): string {
    return this.dependency.apiName;
  }
}
