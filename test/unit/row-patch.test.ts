import { describe, expect, it } from 'vitest';
import { applyRowPatch, diffRow, sameJson } from '../../server/protocol/row-patch.ts';
import { Random } from '../../simulator/random.ts';

type Row = { key: string } & Record<string, unknown>;

const KEYS = ['a', 'b', 'c', 'd', 'e'];
function value(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 2 ? 5 : 7));
  switch (k) {
    case 0:
      return null;
    case 1:
      return Math.floor(r() * 4);
    case 2:
      return r() < 0.5 ? 'x' : 'y';
    case 3:
      return r() < 0.5;
    case 4:
      return r() < 0.5 ? 0.25 : -1;
    case 5:
      return Array.from({ length: Math.floor(r() * 3) }, () => value(r, depth + 1));
    default:
      return fields(r, depth + 1);
  }
}
function fields(r: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if (r() < 0.6) out[k] = value(r, depth);
  return out;
}
/** `row` with some fields changed, removed, added or nested objects edited. */
function mutate(r: () => number, v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return r() < 0.3 ? value(r, depth) : v;
  const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  for (const k of KEYS) {
    const x = r();
    if (x < 0.15) delete out[k];
    else if (x < 0.3) out[k] = value(r, depth + 1);
    else if (k in out) out[k] = mutate(r, out[k], depth + 1);
  }
  return out;
}

describe('row patches', () => {
  it('turns a into b for 5,000 generated pairs: apply(diff(a, b), a) deep-equals b, and a is left as it was', () => {
    // Seeded (the simulator's mulberry32), so a failing case can be replayed from its seed.
    const random = new Random(13);
    const r = () => random.next();
    for (let i = 0; i < 5000; i++) {
      const a: Row = { key: 'k', ...fields(r, 0) };
      const b = { ...(mutate(r, a, 0) as Row), key: 'k' };
      const before = structuredClone(a);
      const p = diffRow(a, b);
      const got = p ? applyRowPatch(a, p) : a;
      expect(got).toEqual(b);
      // The patch goes over the wire: it must survive JSON as it is.
      if (p) expect(applyRowPatch(a, JSON.parse(JSON.stringify(p)))).toEqual(b);
      expect(a).toEqual(before);
      expect(p === null).toBe(sameJson(a, b));
    }
  });

  it('carries only the changed leaves of a queue-like view, and paths of removed reasons', () => {
    const a = {
      key: '4:acme/q1',
      name: 'Support',
      waiting: 2,
      agents: { available: 3, aux: 1, auxByReason: { lunch: 1 } as Record<string, number> },
      interval: { offered: 10, answered: 8, serviceLevel: 0.8 },
      topDispositions: [{ disposition: 'sale', count: 2 }],
    };
    // One agent leaves lunch for "break": aux stays 1, the reason moves; one more call offered.
    const b = { ...a, agents: { available: 3, aux: 1, auxByReason: { break: 1 } }, interval: { ...a.interval, offered: 11 } };
    expect(diffRow(a, b)).toEqual({ key: '4:acme/q1', set: { agents: { auxByReason: { break: 1 } }, interval: { offered: 11 } }, del: [['agents', 'auxByReason', 'lunch']] });
    // An array that changed goes whole; an equal copy of it is no change.
    const c = { ...a, topDispositions: [{ disposition: 'sale', count: 3 }] };
    expect(diffRow(a, c)).toEqual({ key: '4:acme/q1', set: { topDispositions: [{ disposition: 'sale', count: 3 }] } });
    expect(diffRow(a, { ...a, topDispositions: [{ disposition: 'sale', count: 2 }] })).toBeNull();
    // null to a number and back are plain replacements.
    expect(diffRow({ key: 'k', sl: null as number | null }, { key: 'k', sl: 0.5 })).toEqual({ key: 'k', set: { sl: 0.5 } });
    expect(diffRow({ key: 'k', sl: 0.5 as number | null }, { key: 'k', sl: null })).toEqual({ key: 'k', set: { sl: null } });
  });

  it('is idempotent: applying a patch to a row that already has its new values gives the same row', () => {
    const a = { key: 'k', x: 1, o: { y: 2, z: 3 } };
    const b = { key: 'k', x: 5, o: { y: 2 } };
    const p = diffRow(a, b)!;
    expect(applyRowPatch(applyRowPatch(a, p), p)).toEqual(b);
  });
});

describe('row patches of keys that objects inherit', () => {
  // An aux reason is a feed's own text, and auxByReason is keyed by it: "__proto__" was dropped
  // from every patch (the diff set it as the prototype), and "constructor" never deleted (an
  // absent key read as Object). Found while probing prototype keys in feeds (diffRow and
  // applyRowPatch run on a JSON round trip): a screen showed the count in its snapshot and lost it
  // at the first update.
  const row = (reasons: string) => JSON.parse(`{"key":"q","agents":{"auxByReason":${reasons}}}`) as { key: string; agents: { auxByReason: Record<string, number> } };
  /** What a screen holds after `a`'s snapshot and the update to `b`, through JSON as on the wire. */
  const onScreen = (a: ReturnType<typeof row>, b: ReturnType<typeof row>) => applyRowPatch(a, JSON.parse(JSON.stringify(diffRow(a, b))));

  it('adds, changes and removes a reason named "__proto__"', () => {
    const added = onScreen(row('{"lunch":1}'), row('{"lunch":1,"__proto__":2}'));
    expect(JSON.stringify(added)).toBe('{"key":"q","agents":{"auxByReason":{"lunch":1,"__proto__":2}}}');
    expect(Object.getPrototypeOf(added.agents.auxByReason)).toBe(Object.prototype);
    expect(JSON.stringify(onScreen(row('{"__proto__":2}'), row('{"__proto__":3}')))).toBe('{"key":"q","agents":{"auxByReason":{"__proto__":3}}}');
    expect(JSON.stringify(onScreen(row('{"lunch":1,"__proto__":2}'), row('{"lunch":1}')))).toBe('{"key":"q","agents":{"auxByReason":{"lunch":1}}}');
  });

  it('adds and removes reasons named "constructor" and "toString"', () => {
    expect(JSON.stringify(onScreen(row('{}'), row('{"constructor":1,"toString":2}')))).toBe('{"key":"q","agents":{"auxByReason":{"constructor":1,"toString":2}}}');
    expect(JSON.stringify(onScreen(row('{"constructor":1,"toString":2}'), row('{}')))).toBe('{"key":"q","agents":{"auxByReason":{}}}');
    expect(sameJson(row('{"constructor":1}'), row('{}'))).toBe(false);
  });
});
