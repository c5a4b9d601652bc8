import type { GroupMessage, JobMessage } from "@blockwork/core";
import type { Job } from "../queue/job.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";

/** A sink that keeps everything the runtime says, for unit tests. */
export class RecordingSink implements RuntimeSink {
  readonly sent: { readonly owner: string | null; readonly message: JobMessage }[] = [];
  readonly broadcasts: GroupMessage[] = [];
  /** Waiting jobs per owner and group, as the transport's rooms would see them. */
  readonly waiting = new Map<string, number>();

  send(job: Job, message: JobMessage): void {
    this.sent.push({ owner: job.owner, message });
  }

  deliver(connection: string, message: JobMessage): void {
    this.sent.push({ owner: connection, message });
  }

  broadcast(message: GroupMessage): void {
    this.broadcasts.push(message);
  }

  enteredQueue(job: Job): void {
    const key = `${job.owner}/${job.groupId!}`;
    this.waiting.set(key, (this.waiting.get(key) ?? 0) + 1);
  }

  leftQueue(job: Job): void {
    const key = `${job.owner}/${job.groupId!}`;
    const count = (this.waiting.get(key) ?? 0) - 1;
    if (count > 0) this.waiting.set(key, count);
    else this.waiting.delete(key);
  }

  of(jobId: string): JobMessage[] {
    return this.sent.filter((s) => s.message.jobId === jobId).map((s) => s.message);
  }

  types(jobId: string): string[] {
    return this.of(jobId).map((m) => m.type);
  }
}
