/** Sockets written per step of a room message (a few ms of writes on a busy core). */
export const ROOM_CHUNK = 256;

/** What a room send needs of the namespace: its rooms' members (socket ids). */
export interface RoomMembers {
  adapter: { rooms: Map<string, Set<string>> };
}

/**
 * One room message sent a chunk of sockets at a time, so the push loop can yield between
 * chunks: a room of 5,000 screens written in one go held the loop for 60-300 ms, and health
 * checks and event posts waited behind it. The members are those of the room when the message
 * starts; a socket that leaves the room before its chunk goes does not get it (it moved to
 * another scope, or left), and one that joins meanwhile subscribed after this cycle's version
 * was set, so its snapshot already holds what the message says.
 */
export class RoomSend {
  private readonly ids: string[];
  private at = 0;

  constructor(
    private readonly ns: RoomMembers,
    private readonly room: string,
    /** Writes the message to these sockets (one encoding for the chunk). */
    private readonly emit: (socketIds: string[]) => void,
    private readonly chunk = ROOM_CHUNK,
  ) {
    this.ids = [...(ns.adapter.rooms.get(room) ?? [])];
  }

  /** Sends the next chunk; false once every member has had the message. */
  step(): boolean {
    const members = this.ns.adapter.rooms.get(this.room);
    const to: string[] = [];
    while (this.at < this.ids.length && to.length < this.chunk) {
      const id = this.ids[this.at++];
      if (members?.has(id)) to.push(id);
    }
    if (to.length) this.emit(to);
    return this.at < this.ids.length;
  }
}
