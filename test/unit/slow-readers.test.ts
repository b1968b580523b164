import { describe, expect, it } from 'vitest';
import { LAGGING, SlowReaders, type ReaderSocket } from '../../server/realtime/slow-readers.ts';

/** A socket whose transport takes writes or not as the test says, recording what is done to it. */
class FakeSocket implements ReaderSocket {
  connected = true;
  discarded = false;
  conn = {
    transport: { writable: true },
    close: (discard: boolean) => {
      this.connected = false;
      this.discarded = discard;
    },
  };
  rooms = new Set<string>();
  constructor(readonly id: string) {}
  join(room: string) {
    this.rooms.add(room);
  }
  leave(room: string) {
    this.rooms.delete(room);
  }
  set writable(w: boolean) {
    this.conn.transport.writable = w;
  }
}

function setup(dropMs = 60_000) {
  const sockets = [new FakeSocket('a'), new FakeSocket('b'), new FakeSocket('c')];
  const caught: string[] = [];
  const readers = new SlowReaders(() => sockets, (s) => caught.push(s.id), dropMs);
  return { sockets, caught, readers };
}

describe('slow readers', () => {
  it('a socket lags only when it cannot take a write at two scans in a row', () => {
    const { sockets: [a, b], readers } = setup();
    a.writable = false;
    readers.scan(0);
    expect(readers.size).toBe(0);
    // b is busy at one scan only (a write in flight), a at both.
    b.writable = false;
    readers.scan(1000);
    expect(readers.has(a)).toBe(true);
    expect(a.rooms.has(LAGGING)).toBe(true);
    expect(readers.has(b)).toBe(false);
    b.writable = true;
    readers.scan(2000);
    b.writable = false;
    readers.scan(3000);
    // Writable in between: its suspicion started again at 3000.
    expect(readers.has(b)).toBe(false);
    expect(readers.found).toBe(1);
  });

  it('a lagging socket that takes writes again leaves the room and is told to catch up, once', () => {
    const { sockets: [a], caught, readers } = setup();
    a.writable = false;
    readers.scan(0);
    readers.scan(1000);
    readers.review(1500);
    expect(caught).toEqual([]);
    a.writable = true;
    readers.review(2000);
    readers.review(2250);
    expect(caught).toEqual(['a']);
    expect(a.rooms.has(LAGGING)).toBe(false);
    expect(readers.size).toBe(0);
  });

  it('a socket lagging for dropMs is closed at once, what waits for it discarded; one that went away is forgotten', () => {
    const { sockets: [a, b], caught, readers } = setup(60_000);
    a.writable = false;
    b.writable = false;
    readers.scan(0);
    readers.scan(1000);
    expect(readers.size).toBe(2);
    b.connected = false;
    readers.review(60_999);
    expect(readers.has(b)).toBe(false);
    expect(a.connected).toBe(true);
    readers.review(61_000);
    expect(a.connected).toBe(false);
    expect(a.discarded).toBe(true);
    expect(readers.dropped).toBe(1);
    expect(readers.size).toBe(0);
    expect(caught).toEqual([]);
  });

  it('a socket that lags again soon after it was let back in waits out 2 s, 4 s, 8 s... up to 30 s before it is let back in', () => {
    const { sockets: [a], caught, readers } = setup();
    /** The socket stops taking writes, is found lagging at `at` (two scans), and takes writes again right away. */
    const lagAt = (at: number) => {
      a.writable = false;
      readers.scan(at - 1000);
      readers.scan(at);
      expect(readers.has(a)).toBe(true);
      a.writable = true;
    };
    /** The earliest review (whole seconds after `from`) that lets it back in. */
    const releasedAfter = (from: number) => {
      for (let t = from; t <= from + 60_000; t += 1000) {
        readers.review(t);
        if (!readers.has(a)) return t - from;
      }
      return -1;
    };
    // [found lagging at, held that long]: back in at once the first time; each relapse within 30 s
    // of its release doubles the hold, up to 30 s; more than 30 s after its last release it starts afresh.
    const episodes = [[1_000, 0], [5_000, 2_000], [10_000, 4_000], [20_000, 8_000], [30_000, 16_000], [50_000, 30_000], [85_000, 30_000], [150_000, 0]];
    for (const [at, held] of episodes) {
      lagAt(at);
      expect([at, releasedAfter(at)]).toEqual([at, held]);
    }
    expect(caught).toEqual(['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a']);
    // Kept out while it waits, it is still closed once it has lagged dropMs, hold or not.
    expect(a.connected).toBe(true);
  });

  it('a socket kept out by its hold that stops taking writes again is still closed after dropMs', () => {
    const { sockets: [a], readers } = setup(60_000);
    a.writable = false;
    readers.scan(0);
    readers.scan(1_000);
    a.writable = true;
    readers.review(1_000);
    a.writable = false;
    readers.scan(2_000);
    readers.scan(3_000);
    // A relapse (hold 2 s), and it never takes writes again: closed 60 s after it was found.
    readers.review(62_999);
    expect(a.connected).toBe(true);
    readers.review(63_000);
    expect([a.connected, a.discarded, readers.dropped]).toEqual([false, true, 1]);
  });
});
