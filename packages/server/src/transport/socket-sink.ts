import type { GroupMessage, JobMessage } from "@blockwork/core";
import type { Job } from "../queue/job.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";
import { groupRoom, GroupRooms } from "./group-rooms.ts";
import { Outbox } from "./outbox.ts";
import type { IoServer, IoSocket } from "./socket-types.ts";

/** The runtime's sink over Socket.IO: job messages to their owner's socket, group updates to the group's room. */
export class SocketSink implements RuntimeSink {
  #io: IoServer | null = null;
  readonly #rooms = new GroupRooms();
  readonly #outbox = new Outbox({
    toConnection: (socketId, frame) => this.#socket(socketId)?.emit("m", frame),
    toRoom: (room, frame) => this.#io?.to(room).emit("m", frame),
  });

  bind(io: IoServer): void {
    this.#io = io;
  }

  send(job: Job, message: JobMessage): void {
    this.#outbox.send(job.owner, message);
  }

  broadcast(message: GroupMessage): void {
    this.#outbox.broadcast(groupRoom(message.groupId), message);
  }

  enteredQueue(job: Job): void {
    if (job.group) this.#rooms.enter(job.owner, this.#socket(job.owner), job.group.id);
  }

  leftQueue(job: Job): void {
    if (job.group) this.#rooms.leave(job.owner, this.#socket(job.owner), job.group.id);
  }

  /** Forgets a closed socket's room bookkeeping. */
  forget(socketId: string): void {
    this.#rooms.forget(socketId);
  }

  flush(): void {
    this.#outbox.flush();
  }

  #socket(socketId: string): IoSocket | undefined {
    return this.#io?.sockets.sockets.get(socketId);
  }
}
