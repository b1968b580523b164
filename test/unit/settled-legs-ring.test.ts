import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { newLeg } from '../../server/domain/call-leg.ts';
import { linkLeg } from '../../server/domain/call-legs.ts';
import { SettledLegs } from '../../server/domain/settled-legs.ts';

// SettledLegs is a ring of 1,024 slots that doubles when full: what it keeps, in what order,
// and what it forgets must not depend on where the ring wraps or when it grows.
describe('settled legs kept as a ring', () => {
  const engine = new Engine();
  const t = engine.tenant('default');
  const q = engine.planQueue('default', 'q1')!;
  const settle = (legs: SettledLegs, n: number, at: number): void => {
    const leg = newLeg(`c${n}`, q, at);
    leg.queuedTs = at;
    linkLeg(t.calls, leg);
    legs.push(leg, t, at);
  };

  it('forgets in settling order across wraps and growths, and each leg it forgets leaves its call', () => {
    const legs = new SettledLegs();
    // 900 settled at 0..899 s, the first 800 forgotten at 1,004.5 s (window 5 s): head at slot 800.
    for (let n = 0; n < 900; n++) settle(legs, n, n * 1000);
    legs.forgetOlder(804_500, 5000);
    expect(legs.length).toBe(100);
    // 1,000 more wrap past slot 1,023 and fill the ring (1,100 kept > 1,024: it grows once).
    for (let n = 900; n < 1900; n++) settle(legs, n, n * 1000);
    expect(legs.length).toBe(1100);
    const data = legs.toData();
    expect(data.map((d) => d[1])).toEqual(Array.from({ length: 1100 }, (_, k) => `c${800 + k}`));
    expect(data[0]).toEqual(['default', 'c800', 800_000, 'q1', 800_000]);
    // At 1,500 s every leg settled before 1,495 s goes: c800..c1494 (695 legs), c1495 on stay.
    legs.forgetOlder(1_500_000, 5000);
    expect(legs.length).toBe(1900 - 1495);
    expect(legs.toData()[0][1]).toBe('c1495');
    expect(t.calls.has('c1494')).toBe(false);
    expect(t.calls.has('c1495')).toBe(true);
    // c0..c799 went with the first forget.
    expect(t.calls.has('c799')).toBe(false);
    legs.clear();
    expect(legs.length).toBe(0);
    expect(legs.toData()).toEqual([]);
  });
});
