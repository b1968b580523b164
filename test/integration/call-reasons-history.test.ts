import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallReasonsView } from '../../server/protocol/call-reasons.ts';
import type { QueueIntervalRollup } from '../../server/history/types.ts';
import { ndjson, startServer } from '../helpers/server.ts';

let server: Awaited<ReturnType<typeof startServer>>;
const T = (at: string) => `2026-11-20T${at}+08:00`;

/** A history row of acme's support queue with these reasons (the rest of the figures do not matter here). */
function row(intervalStart: string, dispositions: Record<string, number>, tenant = 'acme'): QueueIntervalRollup {
  const calls = Object.values(dispositions).reduce((a, b) => a + b, 0);
  return { tenant, queueId: 'support', intervalStart: Date.parse(intervalStart), intervalMinutes: 30, offered: calls, answered: calls, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: calls, abandonedInSL: 0, handled: calls, waitSecondsAnswered: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, maxWaitSeconds: 0, dispositions };
}

beforeAll(async () => {
  server = await startServer({}, Date.parse(T('11:00:00')));
  // Today (Friday 2026-11-20): billing 3, refund 1 -> shares 0.75, 0.25.
  const events = [{ id: 'l', type: 'agent.login', ts: T('08:00:00'), tenant: 'acme', agentId: 'a1', queues: ['support'], state: 'available' }];
  ['billing', 'billing', 'billing', 'refund'].forEach((d, i) => {
    const m = String(10 + i).padStart(2, '0');
    events.push(
      { id: `q${i}`, type: 'call.queued', ts: T(`09:${m}:00`), tenant: 'acme', callId: `c${i}`, queueId: 'support' } as never,
      { id: `a${i}`, type: 'call.answered', ts: T(`09:${m}:05`), tenant: 'acme', callId: `c${i}`, queueId: 'support', agentId: 'a1' } as never,
      { id: `e${i}`, type: 'call.ended', ts: T(`09:${m}:30`), tenant: 'acme', callId: `c${i}`, agentId: 'a1' } as never,
      { id: `w${i}`, type: 'call.wrapped', ts: T(`09:${m}:40`), tenant: 'acme', callId: `c${i}`, agentId: 'a1', disposition: d } as never,
    );
  });
  expect((await server.post('/api/v1/events', ndjson(events))).status).toBe(200);
  // Last Friday (2026-11-13), as the history store keeps it: billing 1 + 1, password 2 over two intervals (total 4);
  // a row of the day after and another tenant's row must not count.
  await server.floor.runtime.history.store.upsertQueueIntervals([
    row('2026-11-13T09:00:00+08:00', { billing: 1, password: 1 }),
    row('2026-11-13T14:30:00+08:00', { billing: 1, password: 1 }),
    row('2026-11-14T09:00:00+08:00', { refund: 40 }),
    row('2026-11-13T09:00:00+08:00', { refund: 9 }, 'bank'),
  ]);
  await new Promise((r) => setTimeout(r, 250));
});
afterAll(() => server.stop());

describe('call reasons against the same weekday last week, from history', () => {
  it('gives each reason its share change', async () => {
    const { status, body } = await server.get('/api/v1/call-reasons');
    expect(status).toBe(200);
    const v = body as CallReasonsView;
    expect(v.comparedWith).toBe('2026-11-13');
    const q = v.queues.find((x) => x.tenant === 'acme' && x.queueId === 'support')!;
    expect(q.comparison).toBe('known');
    // billing: today 3/4 = 0.75, last week 2/4 = 0.5 -> +0.25; refund: 1/4 = 0.25, last week 0/4 -> +0.25.
    const billing = q.reasons.find((r) => r.reason === 'billing')!;
    expect(billing.share).toBeCloseTo(0.75, 12);
    expect(billing.lastWeekShare).toBeCloseTo(0.5, 12);
    expect(billing.shareChange).toBeCloseTo(0.25, 12);
    const refund = q.reasons.find((r) => r.reason === 'refund')!;
    expect(refund.lastWeekShare).toBe(0);
    expect(refund.shareChange).toBeCloseTo(0.25, 12);
  });
});
