import { describe, expect, it } from 'vitest';
import { AdmissionQueue } from '../../server/realtime/admission-queue.ts';

/** A hand-driven scheduler: `run()` fires the pending callbacks and records the delays asked for. */
function fakeScheduler() {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    delays: [] as number[],
    schedule(fn: () => void, ms: number) {
      pending.push({ fn, ms });
      this.delays.push(ms);
    },
    /** Runs one scheduled slot; false when none was pending. */
    step(): boolean {
      const next = pending.shift();
      if (!next) return false;
      next.fn();
      return true;
    },
  };
}

describe('AdmissionQueue', () => {
  it('runs jobs in the order offered, perSlot per slot, slotMs apart', () => {
    const s = fakeScheduler();
    const q = new AdmissionQueue({ perSlot: 2, slotMs: 10, maxWaiting: 100, schedule: (fn, ms) => s.schedule(fn, ms) });
    const ran: number[] = [];
    for (let i = 1; i <= 5; i++) expect(q.offer(() => ran.push(i))).toBe(true);
    expect(ran).toEqual([]); // nothing runs inside offer: the caller's turn of the loop ends first
    s.step();
    expect(ran).toEqual([1, 2]);
    s.step();
    expect(ran).toEqual([1, 2, 3, 4]);
    s.step();
    expect(ran).toEqual([1, 2, 3, 4, 5]);
    expect(s.step()).toBe(false);
    // First slot at once, then one slot every 10 ms while jobs remain: 5 jobs / 2 per slot = 3 slots.
    expect(s.delays).toEqual([0, 10, 10]);
    expect(q.length).toBe(0);
  });

  it('skips jobs whose requester went away without spending the slot on them', () => {
    const s = fakeScheduler();
    const q = new AdmissionQueue({ perSlot: 2, slotMs: 10, maxWaiting: 100, schedule: (fn, ms) => s.schedule(fn, ms) });
    const ran: string[] = [];
    q.offer(() => ran.push('a'));
    q.offer(() => ran.push('gone'), () => false);
    q.offer(() => ran.push('b'));
    s.step();
    expect(ran).toEqual(['a', 'b']);
  });

  it('refuses past maxWaiting and says how long the line is in seconds', () => {
    const s = fakeScheduler();
    const q = new AdmissionQueue({ perSlot: 5, slotMs: 1000, maxWaiting: 12, schedule: (fn, ms) => s.schedule(fn, ms) });
    for (let i = 0; i < 12; i++) expect(q.offer(() => {})).toBe(true);
    expect(q.offer(() => {})).toBe(false);
    // 12 waiting / 5 per slot × 1 s per slot = 2.4 s, rounded up to 3.
    expect(q.waitSeconds()).toBe(3);
    s.step();
    expect(q.length).toBe(7);
    expect(q.offer(() => {})).toBe(true);
  });
});
