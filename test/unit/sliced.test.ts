import { describe, expect, it } from 'vitest';
import { SlicedWork } from '../../server/realtime/sliced.ts';

/** A hand-driven loop: `turn()` runs the next scheduled callback; the clock moves only when a job says. */
function fakeLoop() {
  const pending: (() => void)[] = [];
  const loop = {
    now: 0,
    errors: [] as unknown[],
    turns: 0,
    work: (budgetMs: number) =>
      new SlicedWork({ budgetMs, clock: () => loop.now, schedule: (fn) => void pending.push(fn), onError: (err) => void loop.errors.push(err) }),
    /** Runs one scheduled turn; false when none was pending. */
    turn(): boolean {
      const next = pending.shift();
      if (!next) return false;
      loop.turns++;
      next();
      return true;
    },
  };
  return loop;
}

describe('SlicedWork', () => {
  it('runs jobs in the order added, as many per turn as fit the budget', () => {
    const loop = fakeLoop();
    const work = loop.work(4);
    const ran: string[] = [];
    // Each job takes 1.5 ms: after two the turn has spent 3 ms, after three 4.5 ms (over 4).
    for (const k of ['a', 'b', 'c', 'd', 'e']) work.add(k, () => (ran.push(k), (loop.now += 1.5)));
    expect(ran).toEqual([]); // nothing runs inside add
    loop.turn();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(work.length).toBe(2);
    loop.turn();
    expect(ran).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(loop.turn()).toBe(false); // nothing left, nothing scheduled
  });

  it('runs one job per turn even when that job alone overruns the budget', () => {
    const loop = fakeLoop();
    const work = loop.work(4);
    const ran: string[] = [];
    for (const k of ['a', 'b']) work.add(k, () => (ran.push(k), (loop.now += 10)));
    loop.turn();
    expect(ran).toEqual(['a']);
    loop.turn();
    expect(ran).toEqual(['a', 'b']);
  });

  it('merges a key asked again while it still waits, and takes it anew once it ran', () => {
    const loop = fakeLoop();
    const work = loop.work(4);
    let runs = 0;
    work.add('room', () => (runs++, (loop.now += 5)));
    work.add('other', () => (loop.now += 5));
    work.add('room', () => (runs += 100)); // merged: the waiting job stands
    expect(work.length).toBe(2);
    loop.turn();
    expect(runs).toBe(1);
    work.add('room', () => (runs += 10)); // 'room' ran, so this is a new refresh
    loop.turn();
    loop.turn();
    expect(runs).toBe(11);
    expect(loop.turns).toBe(3);
  });

  it('reports a job that throws and goes on with the rest', () => {
    const loop = fakeLoop();
    const work = loop.work(4);
    const ran: string[] = [];
    work.add('bad', () => {
      throw new Error('boom');
    });
    work.add('good', () => void ran.push('good'));
    loop.turn();
    expect(ran).toEqual(['good']);
    expect(loop.errors.map((e) => (e as Error).message)).toEqual(['boom']);
    // The line is not stuck: a later job is scheduled and runs.
    work.add('later', () => void ran.push('later'));
    loop.turn();
    expect(ran).toEqual(['good', 'later']);
  });
});
