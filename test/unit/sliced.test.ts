import { describe, expect, it } from 'vitest';
import { runSliced, SlicedWork, startSliced } from '../../server/realtime/sliced.ts';

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

describe('runSliced', () => {
  /** Steps of 3 ms each, noting `name` at each, returning `name`. */
  function* steps(loop: { now: number }, name: string, n: number, ran: string[]): Generator<void, string> {
    for (let i = 0; i < n; i++) {
      ran.push(`${name}${i}`);
      loop.now += 3;
      if (i + 1 < n) yield;
    }
    return name;
  }

  it('runs two runs a step each in turn within one budget a turn for both, and resolves with what each returns', async () => {
    const loop = fakeLoop();
    const work = loop.work(8);
    const ran: string[] = [];
    const a = runSliced(work, 'a', steps(loop, 'a', 3, ran));
    const b = runSliced(work, 'b', steps(loop, 'b', 3, ran));
    // 3 ms a step: three steps reach 9 ms, past the 8 ms of the turn, whichever run they are of.
    loop.turn();
    expect(ran).toEqual(['a0', 'b0', 'a1']);
    loop.turn();
    expect(ran).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(loop.turn()).toBe(false);
  });

  it('runs two runs given the same label, each to its end (two hubs sharing one work each counted its runs from 1)', async () => {
    const loop = fakeLoop();
    const work = loop.work(8);
    const ran: string[] = [];
    const live = runSliced(work, 'agents-1', steps(loop, 'live', 2, ran));
    const replay = runSliced(work, 'agents-1', steps(loop, 'replay', 2, ran));
    while (loop.turn());
    expect(ran).toEqual(['live0', 'replay0', 'live1', 'replay1']);
    expect(await Promise.all([live, replay])).toEqual(['live', 'replay']);
  });

  it('rejects with what a step throws, and the other runs go on', async () => {
    const loop = fakeLoop();
    const work = loop.work(8);
    const ran: string[] = [];
    const bad = runSliced(
      work,
      'bad',
      (function* () {
        yield;
        throw new Error('row 3: bad');
      })(),
    );
    const good = runSliced(work, 'good', steps(loop, 'g', 2, ran));
    while (loop.turn());
    await expect(bad).rejects.toThrow('row 3: bad');
    expect(await good).toBe('g');
    expect(loop.errors).toEqual([]);
  });
});

describe('startSliced', () => {
  it('starts the work inside a turn and resolves as its promise does', async () => {
    const loop = fakeLoop();
    const work = loop.work(8);
    let started = false;
    const done = startSliced(work, 'write', async () => {
      started = true;
      return 7;
    });
    expect(started).toBe(false);
    loop.turn();
    expect(started).toBe(true);
    expect(await done).toBe(7);
  });
});
