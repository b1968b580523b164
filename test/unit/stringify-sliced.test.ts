import { describe, expect, it } from 'vitest';
import { stringifySliced } from '../../server/floor/stringify-sliced.ts';
import { Random } from '../../simulator/random.ts';

class Bucket {
  offered = 3;
  maxWaitMs = 1.5;
  skipped = undefined;
}

describe('JSON.stringify in slices', () => {
  const cases: [string, unknown][] = [
    ['nested data', { a: 1, b: [1, 'two', null, { c: [true, false] }], d: { e: { f: { g: { h: { i: [1, [2, [3]]] } } } } } }],
    ['what JSON.stringify leaves out or writes as null', { u: undefined, f: () => 1, n: NaN, inf: -Infinity, arr: [undefined, () => 2, NaN] }],
    ['class instances, toJSON, dates', { b: new Bucket(), list: [new Bucket()], j: { toJSON: () => ({ x: 1 }) }, d: new Date(0) }],
    ['strings that need escaping', { 'k"ey\n': 'quote " backslash \\ newline \n tab \t nul \u0000 emoji 😀 lone \ud800' }],
    ['integer-like keys first, as JSON.stringify orders them', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['empty containers', { a: [], o: {}, n: null, deep: [[], [{}]] }],
    ['a bare array', [1, 2, 3]],
    ['toJSON given its key, and an array with its own toJSON', { a: { toJSON: (k: string) => `key=${k}` }, list: Object.assign([1, 2], { toJSON: () => 'whole' }) }],
    ['sparse arrays, null prototypes, -0, Map and Set', { sparse: [1, , 3], bare: Object.assign(Object.create(null), { x: 1 }), zero: -0, m: new Map([[1, 2]]), s: new Set([1]) }],
  ];
  for (const [name, value] of cases) {
    it(`writes exactly what JSON.stringify writes: ${name}`, async () => {
      expect(await stringifySliced(value, 0)).toBe(JSON.stringify(value));
    });
  }

  it('writes exactly what JSON.stringify writes for big values walked in pieces: long arrays, many small objects, big members', async () => {
    const legs = Array.from({ length: 5_000 }, (_, i) => ({ callId: `c${i}`, queuedTs: i, holds: i % 3 ? null : [i, i + 1], skip: undefined }));
    const timeline = { ts: Array.from({ length: 10_000 }, (_, i) => i * 1000), id: Array.from({ length: 10_000 }, (_, i) => `e${i}`) };
    const value = { settled: Array.from({ length: 10_000 }, (_, i) => ['t1', `c${i}`, i]), tenants: [{ calls: legs, agents: [{ id: 'a1', timeline }, { id: 'a2', timeline: { ts: [1], id: ['x'] } }] }], f: () => 1 };
    expect(await stringifySliced(value, 0)).toBe(JSON.stringify(value));
  });

  it('writes exactly what JSON.stringify writes for a random snapshot-like value', async () => {
    const rng = new Random(7);
    const ids = Array.from({ length: 20_000 }, (_, i) => `e${i}-${rng.next().toString(36).slice(2, 8)}`);
    const value = { tenants: [{ id: 't1', seenNow: ids, agents: Array.from({ length: 300 }, (_, i) => ({ id: `a${i}`, timeline: { ts: [i, i + 1], ids: [`x${i}`] } })) }], counters: { accepted: 20_000 } };
    expect(await stringifySliced(value, 0)).toBe(JSON.stringify(value));
  });

  it('gives the event loop turns while it works', async () => {
    const value = { ids: Array.from({ length: 200_000 }, (_, i) => `event-${i}`) };
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const text = await stringifySliced(value, 1);
    clearInterval(tick);
    expect(text).toBe(JSON.stringify(value));
    // 200,000 members at a 1 ms budget take many turns; one JSON.stringify would take none.
    expect(turns).toBeGreaterThan(2);
  });

  it('refuses a value that serialises to nothing', async () => {
    await expect(stringifySliced(undefined)).rejects.toThrow('serialises to nothing');
  });
});
