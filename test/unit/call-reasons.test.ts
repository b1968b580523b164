import { describe, expect, it } from 'vitest';
import { callReasons } from '../../server/domain/call-reasons.ts';
import { Engine } from '../../server/domain/engine.ts';
import { callReasonsView } from '../../server/views/call-reasons.ts';
import { ev, parse } from '../helpers/events.ts';
import { workedExample } from '../helpers/worked-example.ts';

const LAST_FRIDAY = { date: '2026-11-13', offset: '+08:00' };
/** One call queued, answered, ended and wrapped with `disposition`, starting at `at`. */
const handled = (callId: string, queueId: string, at: string, disposition: string, where = LAST_FRIDAY) => [
  ev('call.queued', at, { callId, queueId }, where),
  ev('call.answered', at.replace(/:00$/, ':05'), { callId, queueId, agentId: 'a9' }, where),
  ev('call.ended', at.replace(/:00$/, ':40'), { callId, agentId: 'a9' }, where),
  ev('call.wrapped', at.replace(/:00$/, ':50'), { callId, agentId: 'a9', disposition }, where),
];

describe('callReasons', () => {
  it('shares of the coded calls and the change against a known week', () => {
    // Today billing 6, refund 3, address 1: total 10 -> 0.6, 0.3, 0.1. Last week billing 1, password 3 (total 4):
    // billing 0.25 -> +0.35; refund 0 -> +0.3; address 0 -> +0.1. Top 2 only.
    const r = callReasons(new Map([['refund', 3], ['billing', 6], ['address', 1]]), new Map([['billing', 1], ['password', 3]]), 2);
    expect(r.total).toBe(10);
    expect(r.comparison).toBe('known');
    expect(r.reasons.map((x) => [x.reason, x.count])).toEqual([['billing', 6], ['refund', 3]]);
    expect(r.reasons[0].share).toBeCloseTo(0.6, 12);
    expect(r.reasons[0].lastWeekShare).toBeCloseTo(0.25, 12);
    expect(r.reasons[0].shareChange).toBeCloseTo(0.35, 12);
    expect(r.reasons[1].lastWeekShare).toBe(0);
    expect(r.reasons[1].shareChange).toBeCloseTo(0.3, 12);
  });

  it('says "unknown" when last week is not known or had no coded calls, and breaks ties by name', () => {
    const r = callReasons(new Map([['b', 1], ['a', 1]]), null);
    expect(r).toEqual({ total: 2, comparison: 'unknown', reasons: [
      { reason: 'a', count: 1, share: 0.5, lastWeekShare: null, shareChange: null },
      { reason: 'b', count: 1, share: 0.5, lastWeekShare: null, shareChange: null },
    ] });
    expect(callReasons(new Map([['a', 1]]), new Map()).comparison).toBe('unknown');
  });
});

describe('callReasonsView on the engine', () => {
  it('gives each queue and client its reasons today; no comparison once last week is past the retention', () => {
    // Worked example (2026-11-20, Asia/Taipei): c1 and c2 billing, c6 refund -> 2/3 and 1/3.
    const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
    for (const e of parse(workedExample)) engine.apply(e);
    const v = callReasonsView(engine, null);
    expect(v.date).toBe('2026-11-20');
    expect(v.comparedWith).toBe('2026-11-13');
    expect(v.queues).toHaveLength(1);
    expect(v.queues[0]).toMatchObject({ tenant: 'default', queueId: 'q1', total: 3, comparison: 'unknown' });
    expect(v.queues[0].reasons.map((r) => [r.reason, r.count, Number(r.share.toFixed(4))])).toEqual([['billing', 2, 0.6667], ['refund', 1, 0.3333]]);
    expect(v.tenants[0]).toMatchObject({ tenant: 'default', total: 3, comparison: 'unknown' });
    expect(callReasonsView(engine, new Set(['other']))).toMatchObject({ tenants: [], queues: [] });
  });

  it('compares with the same weekday last week while the engine still holds it, per queue and for the client', () => {
    // Last Friday: q1 billing 1, password 3; q2 nothing. Today (worked example) q1 billing 2, refund 1; q2 billing 1.
    // q1: billing 2/3 vs 1/4 -> +0.4167; refund 1/3 vs 0. Client: billing 3/4 vs 1/4 -> +0.5; refund 1/4 vs 0.
    const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, retentionDays: 8 });
    const week = [...handled('w1', 'q1', '10:00:00', 'billing'), ...handled('w2', 'q1', '10:10:00', 'password'), ...handled('w3', 'q1', '10:20:00', 'password'), ...handled('w4', 'q1', '10:30:00', 'password')];
    const q2 = handled('d1', 'q2', '09:20:00', 'billing', { date: '2026-11-20', offset: '+08:00' });
    for (const e of parse([...week, ...workedExample, ...q2])) engine.apply(e);
    engine.tick(Date.parse('2026-11-20T09:31:00+08:00'));
    const v = callReasonsView(engine, null);
    const q1 = v.queues.find((q) => q.queueId === 'q1')!;
    expect(q1.comparison).toBe('known');
    expect(q1.reasons.map((r) => [r.reason, Number(r.lastWeekShare!.toFixed(4)), Number(r.shareChange!.toFixed(4))])).toEqual([['billing', 0.25, 0.4167], ['refund', 0, 0.3333]]);
    const client = v.tenants[0];
    expect(client).toMatchObject({ total: 4, comparison: 'known' });
    expect(client.reasons.map((r) => [r.reason, r.count, r.share, r.shareChange])).toEqual([['billing', 3, 0.75, 0.5], ['refund', 1, 0.25, 0.25]]);
  });
});
