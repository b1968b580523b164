import { describe, expect, it } from 'vitest';
import { fastValidate, plainUtcMillis } from '../../server/ingest/fast-validate.ts';
import { validateWithSchema } from '../../server/ingest/validate-event.ts';
import { EVENT_TYPES } from '../../server/protocol/events.ts';
import { Random } from '../../simulator/random.ts';

/** Values a field may take: valid ones, and the kinds of wrong a feed sends. */
const ANY = ['c1', 'q-7', ' padded ', '', 'x'.repeat(200), 'x'.repeat(201), '客服', 'a\u00a0', 42, null, true, undefined, ['q1'], {}];
const TS = ['2026-11-20T09:00:00+08:00', '2026-11-20T09:00:00.5Z', '2026-11-20T09:00:00', '2026-11-20 09:00:00+08:00', 1795309200000, 1795309200000.5, 12, -1, NaN, '1795309200000', '2026-02-30T09:00:00Z', '2026-11-20T01:00:00.000Z', '2026-02-29T12:00:00.000Z', '2026-11-20T24:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-11-2xT01:00:00.000Z', '2026-11-20T09:00:00+15:00', '2026-11-20T09:00:00-1400', '2026-11-20T09:00+08:60', undefined];
const FIELDS: Record<string, unknown[]> = {
  callId: ANY,
  queueId: ANY,
  agentId: ANY,
  tenant: ANY,
  disposition: ANY,
  name: ANY,
  teamId: ANY,
  reason: [...ANY, 'transfer', 'overflow', 'voicemail', 'break'],
  channel: ['voice', 'chat', 'email', 'sms', 'fax', undefined, 3],
  priority: [1, 0, -3, 1.5, '1', undefined, 2 ** 60],
  state: ['available', 'aux', 'talking', undefined, 1],
  queues: [['q1', 'q2'], [], ['q1', ''], [' q1'], 'q1', undefined, Array.from({ length: 501 }, (_, i) => `q${i}`)],
  direction: ['inbound', 'outbound', 'sideways', undefined],
  attemptId: ANY,
  campaignId: ANY,
  result: ['connected', 'no-answer', 'busy', 'refused', 'failed', 'abandoned', 'voicemail', undefined, 1],
  outcome: ['success', 'refusal', 'callback', 'maybe', undefined, true],
  capacity: [{ voice: 1, chat: 3 }, {}, { email: 0 }, { fax: 1 }, { chat: 21 }, { chat: 1.5 }, { chat: -1 }, { chat: '3' }, [3], 'chat', null, undefined],
  extra: ['ignored', undefined],
};

describe('fast event validation agrees with the zod schemas', () => {
  it('accepts exactly what zod accepts, with the same output, over 20,000 generated events', () => {
    const rng = new Random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)];
    let fastAccepted = 0;
    let dialAccepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const e: Record<string, unknown> = { id: rng.chance(0.9) ? `e${i}` : pick(ANY), type: rng.chance(0.95) ? pick(EVENT_TYPES) : pick(['call.foo', 3, undefined]), ts: pick(TS) };
      // Mostly valid events, so both branches are exercised: each field right with 85%.
      for (const [field, values] of Object.entries(FIELDS)) {
        if (rng.chance(0.6)) e[field] = rng.chance(0.85) ? values[0] : pick(values);
      }
      if (rng.chance(0.5)) e.ts = TS[0];
      const fast = fastValidate(e);
      const slow = validateWithSchema(e);
      if (fast) {
        fastAccepted++;
        if (fast.type.startsWith('dial.')) dialAccepted++;
        expect(slow, JSON.stringify(e)).toEqual({ ok: true, event: fast });
      } else if (slow.ok) {
        // zod may accept what the fast path leaves to it (padded ids it trims, non-ASCII ends).
        expect(JSON.stringify(e)).toMatch(/" |[^\x20-\x7e]|\\u/);
      }
    }
    expect(fastAccepted).toBeGreaterThan(1000);
    // The outbound events (added to the contract) take the fast path too, not only zod's.
    expect(dialAccepted).toBeGreaterThan(100);
  });
});

describe('plainUtcMillis (the common timestamp form without the regex)', () => {
  it('gives what Date.parse gives, or NaN to leave the string to it, for 50,000 near-ISO strings', () => {
    const rnd = new Random(11);
    const pick = (xs: string[]) => xs[Math.floor(rnd.next() * xs.length)];
    const two = (lo: number, hi: number) => String(lo + Math.floor(rnd.next() * (hi - lo + 1))).padStart(2, '0');
    let read = 0;
    for (let i = 0; i < 50_000; i++) {
      let s = `${pick(['2026', '1999', '2099', '0999', '20x6'])}-${two(0, 13)}-${two(0, 32)}T${two(0, 25)}:${two(0, 61)}:${two(0, 61)}.${String(Math.floor(rnd.next() * 1000)).padStart(3, '0')}${pick(['Z', 'Z', 'Z', '+08:00', 'z'])}`;
      // Now and then one character is replaced, so separators and digits go wrong too.
      if (rnd.chance(0.1)) {
        const at = Math.floor(rnd.next() * s.length);
        s = s.slice(0, at) + pick(['-', ':', 'T', '.', '5', ' ', 'Z']) + s.slice(at + 1);
      }
      const ms = plainUtcMillis(s);
      if (Number.isNaN(ms)) continue;
      read++;
      expect(ms).toBe(Date.parse(s));
    }
    // Most of the generated strings have plainly valid fields and are read on the fast path.
    expect(read).toBeGreaterThan(10_000);
  });

  it('reads a worked example and leaves the rest to Date.parse', () => {
    // 2026-11-20 01:02:03.004 UTC: 56 years of 365 days and 14 leap days to 2026-01-01 (20,454),
    // then 304 days of January to October and 19 of November: day 20,777, and 3,723.004 s into it.
    expect(plainUtcMillis('2026-11-20T01:02:03.004Z')).toBe(20_777 * 86_400_000 + 3_723_004);
    expect(plainUtcMillis('2026-11-29T01:02:03.004Z')).toBeNaN();
    expect(plainUtcMillis('2026-11-20T01:02:03.004+08:00')).toBeNaN();
    expect(plainUtcMillis('2026-11-20T01:02:03Z')).toBeNaN();
  });
});
