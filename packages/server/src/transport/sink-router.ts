import type { GroupMessage, JobMessage } from "@blockwork/core";
import type { Job } from "../queue/job.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";

/** A transport other than the socket (a door): it owns the connection ids that start with its prefix. */
export interface Door {
  /** Connection ids of this door start with it, e.g. `"gradio:"`. */
  readonly prefix: string;
  readonly sink: RuntimeSink;
}

/**
 * The runtime's one sink, in front of every transport: a job's messages go to the transport that owns its
 * connection (by id prefix; the socket's ids have none), and group updates to all of them.
 */
export class SinkRouter implements RuntimeSink {
  readonly #socket: RuntimeSink;
  readonly #doors: Door[] = [];

  constructor(socket: RuntimeSink) {
    this.#socket = socket;
  }

  add(door: Door): void {
    this.#doors.push(door);
  }

  send(job: Job, message: JobMessage): void {
    this.#of(job.owner).send(job, message);
  }

  deliver(connection: string, message: JobMessage): void {
    this.#of(connection).deliver(connection, message);
  }

  broadcast(message: GroupMessage): void {
    this.#socket.broadcast(message);
    for (const door of this.#doors) door.sink.broadcast(message);
  }

  holdGroupUpdateMs(groupId: string): number {
    return this.#socket.holdGroupUpdateMs?.(groupId) ?? 0;
  }

  enteredQueue(job: Job): void {
    this.#of(job.owner).enteredQueue(job);
  }

  leftQueue(job: Job): void {
    this.#of(job.owner).leftQueue(job);
  }

  superseded(connection: string): void {
    this.#of(connection).superseded?.(connection);
  }

  #of(connection: string | null): RuntimeSink {
    if (connection !== null) for (const door of this.#doors) if (connection.startsWith(door.prefix)) return door.sink;
    return this.#socket;
  }
}
