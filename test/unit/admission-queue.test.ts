import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AdmissionQueue } from '../../server/realtime/admission-queue.ts';

// A full collection on demand, to see whether the line still holds what a served job held.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

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

  it('ends a slot once it has run for budgetMs, and runs the rest at the next turn', () => {
    const s = fakeScheduler();
    let now = 0;
    const q = new AdmissionQueue({ perSlot: 50, slotMs: 10, maxWaiting: 100, budgetMs: 10, clock: () => now, schedule: (fn, ms) => s.schedule(fn, ms) });
    const ran: number[] = [];
    // Jobs of 4 ms each: after 3 jobs (12 ms) the 10 ms budget is spent, although 47 more would fit the count.
    for (let i = 1; i <= 7; i++) q.offer(() => (ran.push(i), (now += 4)));
    s.step();
    expect(ran).toEqual([1, 2, 3]);
    s.step();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
    s.step();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // A slot cut by the budget is followed at once (delay 0), not after slotMs.
    expect(s.delays).toEqual([0, 0, 0]);
  });

  it('runs at least one job per slot even when one job outlasts the budget', () => {
    const s = fakeScheduler();
    let now = 0;
    const q = new AdmissionQueue({ perSlot: 50, slotMs: 10, maxWaiting: 100, budgetMs: 10, clock: () => now, schedule: (fn, ms) => s.schedule(fn, ms) });
    const ran: number[] = [];
    for (let i = 1; i <= 2; i++) q.offer(() => (ran.push(i), (now += 100)));
    s.step();
    expect(ran).toEqual([1]);
    s.step();
    expect(ran).toEqual([1, 2]);
    expect(s.step()).toBe(false);
  });

  it('lets go of what a served job held at once, not at the next trim', async () => {
    const s = fakeScheduler();
    const q = new AdmissionQueue({ perSlot: 10, slotMs: 10, maxWaiting: 100, schedule: (fn, ms) => s.schedule(fn, ms) });
    // An upgrade's job holds its request and socket: here a large buffer only the job refers to.
    const held = (() => {
      const request = Buffer.alloc(1 << 20);
      const ref = new WeakRef(request);
      q.offer(() => void request.length);
      return ref;
    })();
    s.step();
    expect(q.length).toBe(0);
    // WeakRefs hold their target until the current turn ends: collect after it.
    await new Promise((r) => setTimeout(r, 0));
    collect();
    expect(held.deref()).toBeUndefined();
  });

  it("serves requesters in turn: another's job waits one job per requester, not behind the first one's thousand", () => {
    const s = fakeScheduler();
    const q = new AdmissionQueue({ perSlot: 3, slotMs: 10, maxWaiting: 5000, schedule: (fn, ms) => s.schedule(fn, ms) });
    const ran: string[] = [];
    for (let i = 1; i <= 1000; i++) q.offer(() => ran.push(`flood${i}`), undefined, 'flood');
    q.offer(() => ran.push('other1'), undefined, 'other');
    q.offer(() => ran.push('other2'), undefined, 'other');
    s.step();
    s.step();
    // Slot 1: flood1, other1, flood2; slot 2: other2, flood3, flood4; each requester's own in order.
    expect(ran).toEqual(['flood1', 'other1', 'flood2', 'other2', 'flood3', 'flood4']);
    expect(q.length).toBe(996);
  });

  it('takes a requester holding less than an equal share of a full line, and refuses the one holding more', () => {
    const s = fakeScheduler();
    const q = new AdmissionQueue({ perSlot: 5, slotMs: 10, maxWaiting: 12, schedule: (fn, ms) => s.schedule(fn, ms) });
    for (let i = 0; i < 12; i++) expect(q.offer(() => {}, undefined, 'flood')).toBe(true);
    expect(q.offer(() => {}, undefined, 'flood')).toBe(false);
    // Two requesters: a share is 12 / 2 = 6; 'other' may wait up to 6 more while the line is full.
    for (let i = 0; i < 6; i++) expect(q.offer(() => {}, undefined, 'other')).toBe(true);
    expect(q.offer(() => {}, undefined, 'other')).toBe(false);
    expect(q.length).toBe(18);
    // A third requester's share is 12 / 3 = 4.
    for (let i = 0; i < 4; i++) expect(q.offer(() => {}, undefined, 'third')).toBe(true);
    expect(q.offer(() => {}, undefined, 'third')).toBe(false);
  });
});
