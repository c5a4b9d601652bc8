import { QueuePosition, type ErrorPayload, type GroupMessage, type JobMessage } from "@blockwork/core";
import { EventLog } from "./event-log.ts";
import { errorEvent, type JobEvent } from "./job-events.ts";

/** One submitted job as the client tracks it: turns its protocol messages into `JobEvent`s. */
export class JobRun {
  readonly log = new EventLog<JobEvent>();
  #position: QueuePosition | null = null;
  #last: { rank: number; size: number; etaMs: number | null } | null = null;
  #started = false;

  /** Whether its handler has started (it no longer waits in a queue). */
  get started(): boolean {
    return this.#started;
  }

  /** The group it waits in, or null when it is not waiting. */
  get waitingIn(): string | null {
    return this.#position?.groupId ?? null;
  }

  get ended(): boolean {
    return this.log.ended;
  }

  handle(message: JobMessage): void {
    switch (message.type) {
      case "queued":
        this.#position = new QueuePosition(message);
        this.#emitPosition();
        return;
      case "started":
        this.#started = true;
        this.#position = null;
        this.log.push({ type: "started", eta: message.etaMs });
        return;
      case "progress": {
        this.#started = true;
        const { type, jobId: _, ...rest } = message;
        this.log.push({ type, ...rest });
        return;
      }
      case "partial":
        this.#started = true;
        this.log.push({ type: "partial", data: message.data });
        return;
      case "alert":
        this.log.push({ type: "alert", level: message.level, message: message.message });
        return;
      case "complete":
        this.#position = null;
        this.log.end({ type: "complete", data: message.data });
        return;
      case "error":
        this.fail(message.error);
        return;
    }
  }

  /** Applies a group update to a waiting job; yields a new `queued` event if anything it shows changed. */
  applyGroup(update: GroupMessage): void {
    if (this.#position?.apply(update)) this.#emitPosition();
  }

  fail(error: ErrorPayload): void {
    this.#position = null;
    this.log.end(errorEvent(error));
  }

  #emitPosition(): void {
    const snapshot = this.#position!.snapshot();
    const last = this.#last;
    if (last && last.rank === snapshot.rank && last.size === snapshot.size && last.etaMs === snapshot.etaMs) return;
    this.#last = snapshot;
    this.log.push({ type: "queued", position: snapshot.rank, queueSize: snapshot.size, eta: snapshot.etaMs });
  }
}
