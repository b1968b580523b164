import { describe, expect, it } from 'vitest';
import { Pacer } from '../../server/ingest/pacer.ts';

describe('pacing a recorded stream', () => {
  const t0 = Date.parse('2026-11-20T09:00:00Z');

  it('makes an item a minute of stream time later wait one second at 60x', () => {
    const wall = { now: 1_000_000 };
    const p = new Pacer(60, () => wall.now);
    expect(p.waitFor(t0)).toBe(0);
    expect(p.waitFor(t0 + 60_000)).toBe(1000);
    wall.now += 400;
    expect(p.waitFor(t0 + 60_000)).toBe(600);
    expect(p.now()).toBe(t0 + 400 * 60);
  });

  it('never waits for a late item, a missing time, or at full speed', () => {
    const wall = { now: 0 };
    const p = new Pacer(10, () => wall.now);
    p.waitFor(t0 + 10_000);
    expect(p.waitFor(t0)).toBe(0); // the clock only moves forward: the earlier item is due
    expect(p.waitFor(NaN)).toBe(0);
    expect(p.waitFor(0)).toBe(0);
    expect(new Pacer(Infinity).waitFor(t0 + 1e9)).toBe(0);
    expect(new Pacer(Infinity).now()).toBeNull();
  });
});
