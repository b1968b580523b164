import { describe, expect, it } from 'vitest';
import { RoomSend } from '../../server/realtime/room-send.ts';

/** A namespace's rooms (room name to socket ids), and what each step wrote. */
function setup(members: string[]) {
  const rooms = new Map([['r1', new Set(members)]]);
  const sent: string[][] = [];
  return { rooms, sent, send: new RoomSend({ adapter: { rooms } }, 'r1', (ids) => sent.push(ids), 2) };
}

describe('RoomSend: one room message, a chunk of sockets per step', () => {
  it('writes the members of the room when it starts, two per step, and says when it is done', () => {
    const { sent, send } = setup(['s1', 's2', 's3', 's4', 's5']);
    expect(send.step()).toBe(true);
    expect(send.step()).toBe(true);
    expect(send.step()).toBe(false);
    expect(sent).toEqual([['s1', 's2'], ['s3', 's4'], ['s5']]);
  });

  it('skips a socket that left the room before its chunk, and does not write to one that joined after the start', () => {
    const { rooms, sent, send } = setup(['s1', 's2', 's3', 's4', 's5']);
    expect(send.step()).toBe(true);
    rooms.get('r1')!.delete('s3'); // moved to another scope: it must not get this scope's update
    rooms.get('r1')!.add('s6'); // subscribed after the cycle's version: its snapshot holds this update
    expect(send.step()).toBe(false);
    expect(sent).toEqual([['s1', 's2'], ['s4', 's5']]);
  });

  it('writes nothing for an empty room, or one whose sockets have all gone', () => {
    const empty = setup([]);
    expect(empty.send.step()).toBe(false);
    expect(empty.sent).toEqual([]);
    const gone = setup(['s1', 's2', 's3']);
    gone.rooms.delete('r1');
    // Skipping costs no write, so the step walks past all three and is done.
    expect(gone.send.step()).toBe(false);
    expect(gone.sent).toEqual([]);
  });
});
