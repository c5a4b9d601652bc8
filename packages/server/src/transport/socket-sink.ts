import type { GroupMessage, JobMessage, ServerMessage, TickMessage } from "@blockwork/core";
import type { Job } from "../queue/job.ts";
import type { RuntimeSink } from "../queue/runtime-sink.ts";
import type { Session } from "../session/session.ts";
import { groupRoom, GroupRooms } from "./group-rooms.ts";
import { Outbox } from "./outbox.ts";
import { recordChoices } from "./session-choices.ts";
import type { IoServer, IoSocket } from "./socket-types.ts";

/** The runtime's sink over Socket.IO: job messages to their owner's socket, group updates to the group's room. */
export class SocketSink implements RuntimeSink {
  #io: IoServer | null = null;
  readonly #rooms = new GroupRooms();
  #orphanStarts = 0;
  readonly #outbox = new Outbox({
    toConnection: (socketId, frame) => this.#socket(socketId)?.emit("m", frame),
    // A socket is in the room named by its id: one encoding per slice, one write per socket.
    toConnections: (socketIds, frame) => this.#io?.to(socketIds as string[]).emit("m", frame),
    members: (room) => this.#io?.sockets.adapter.rooms.get(room) ?? [],
  });

  bind(io: IoServer): void {
    this.#io = io;
  }

  /** Told when a job gave its session new choices (a cluster keeps them with the session). */
  onChoices: ((session: Session) => void) | null = null;

  send(job: Job, message: JobMessage): void {
    if (recordChoices(job, message)) this.onChoices?.(job.session);
    if (message.type === "started" && !job.dependency.triggers.some((t) => t.event === "unload") && (job.owner === null || !this.#socket(job.owner))) {
      this.#orphanStarts++;
    }
    if (job.owner !== null) this.#outbox.send(job.owner, message);
  }

  deliver(connection: string, message: JobMessage): void {
    this.#outbox.send(connection, message);
  }

  /**
   * Jobs that started although the connection that submitted them had closed: always 0, since a closed
   * connection's waiting jobs are passed over until its session comes back. The chaos test reads it.
   */
  get orphanStarts(): number {
    return this.#orphanStarts;
  }

  /** Connections with a job waiting in some group. */
  get roomMembers(): number {
    return this.#rooms.size;
  }

  /** Acknowledges a join on this turn's flush, carrying the connection's frame (see `Outbox.reply`). */
  reply(socketId: string, send: (frame: ServerMessage[] | undefined) => void): void {
    this.#outbox.reply(socketId, send);
  }

  /** A Timer's tick, for one connection. */
  tick(socketId: string, message: TickMessage): void {
    this.#outbox.send(socketId, message);
  }

  broadcast(message: GroupMessage): void {
    this.#outbox.broadcast(groupRoom(message.groupId), message);
  }

  holdGroupUpdateMs(groupId: string): number {
    return this.#outbox.holdMs(groupRoom(groupId));
  }

  enteredQueue(job: Job): void {
    if (job.groupId !== null && job.owner !== null) this.#rooms.enter(job.owner, this.#socket(job.owner), job.groupId);
  }

  leftQueue(job: Job): void {
    if (job.groupId !== null && job.owner !== null) this.#rooms.leave(job.owner, this.#socket(job.owner), job.groupId);
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
