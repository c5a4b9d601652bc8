/** The socket operations `GroupRooms` needs. */
export interface RoomMember {
  join(room: string): void;
  leave(room: string): void;
}

/** The Socket.IO room of the connections waiting in a group. */
export const groupRoom = (groupId: string): string => `group:${groupId}`;

/**
 * Keeps each connection in a group's room exactly while it has at least one job waiting in that group, so that
 * one `group` broadcast reaches every waiting client and nobody else.
 */
export class GroupRooms {
  readonly #counts = new Map<string, Map<string, number>>();

  /** Connections in at least one room. */
  get size(): number {
    return this.#counts.size;
  }

  enter(connectionId: string, member: RoomMember | undefined, groupId: string): void {
    let groups = this.#counts.get(connectionId);
    if (!groups) this.#counts.set(connectionId, (groups = new Map()));
    const count = groups.get(groupId) ?? 0;
    groups.set(groupId, count + 1);
    if (count === 0) member?.join(groupRoom(groupId));
  }

  leave(connectionId: string, member: RoomMember | undefined, groupId: string): void {
    const groups = this.#counts.get(connectionId);
    const count = groups?.get(groupId);
    if (!groups || count === undefined) return;
    if (count > 1) {
      groups.set(groupId, count - 1);
      return;
    }
    groups.delete(groupId);
    if (groups.size === 0) this.#counts.delete(connectionId);
    member?.leave(groupRoom(groupId));
  }

  /** Forgets a closed connection (Socket.IO has already removed it from its rooms). */
  forget(connectionId: string): void {
    this.#counts.delete(connectionId);
  }
}
