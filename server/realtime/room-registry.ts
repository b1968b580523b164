/**
 * Which sockets watch what: each distinct key (a scope, a queue's day) gets an opaque room
 * name, and each socket is in at most one room of a registry. The hub reads what a room
 * watches from here, never by parsing room names.
 */
export class RoomRegistry<T> {
  private rooms = new Map<string, { room: string; value: T; members: number }>();
  private bySocket = new Map<string, string>();
  private next = 1;

  constructor(private readonly prefix: string) {}

  /** Puts the socket in the room of `key`; returns that room and the one it left, if any. */
  join(socketId: string, key: string, value: T): { room: string; left: string | null } {
    const previous = this.bySocket.get(socketId);
    if (previous === key) return { room: this.rooms.get(key)!.room, left: null };
    const left = previous === undefined ? null : this.release(previous);
    let entry = this.rooms.get(key);
    if (!entry) this.rooms.set(key, (entry = { room: `${this.prefix}${this.next++}`, value, members: 0 }));
    entry.members++;
    this.bySocket.set(socketId, key);
    return { room: entry.room, left };
  }

  /** Takes the socket out of its room (on disconnect). */
  leave(socketId: string): void {
    const key = this.bySocket.get(socketId);
    if (key !== undefined) this.release(key);
    this.bySocket.delete(socketId);
  }

  /** What the socket's room watches, if it is in one. */
  valueOf(socketId: string): T | undefined {
    const key = this.bySocket.get(socketId);
    return key === undefined ? undefined : this.rooms.get(key)?.value;
  }

  /** Every room with members, and what it watches. */
  *entries(): IterableIterator<{ room: string; value: T }> {
    for (const e of this.rooms.values()) yield { room: e.room, value: e.value };
  }

  private release(key: string): string {
    const entry = this.rooms.get(key)!;
    if (--entry.members === 0) this.rooms.delete(key);
    return entry.room;
  }
}
