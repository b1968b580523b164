/**
 * A feed may register at most 2,000 queues in its tenant (MAX_QUEUES_PER_TENANT): beyond, an event
 * naming a new queue is the anomaly `too-many-queues` and changes nothing, while events of the
 * queues that exist, and other tenants, go on as before.
 */
import { describe, expect, it } from 'vitest';
import { engineWith, ev, parse } from '../helpers/events.ts';

/** One call.queued per queue f0..f(n-1) of `tenant`, a second apart from 08:00:00. */
function queuedInNewQueues(tenant: string, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ev('call.queued', `08:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, { tenant, callId: `${tenant}-c${i}`, queueId: `f${i}` }));
}

describe('queues a tenant’s events may register', () => {
  it('refuses the 2,001st queue of a tenant, whatever the event, and keeps the rest going', () => {
    const engine = engineWith(queuedInNewQueues('acme', 2000));
    expect(engine.tenants.get('acme')!.queues.size).toBe(2000);
    const late = parse([
      ev('call.queued', '09:00:00', { tenant: 'acme', callId: 'x1', queueId: 'new-1' }),
      ev('call.answered', '09:00:01', { tenant: 'acme', callId: 'x2', queueId: 'new-2', agentId: 'a1' }),
      ev('call.abandoned', '09:00:02', { tenant: 'acme', callId: 'x3', queueId: 'new-3' }),
      ev('agent.login', '09:00:03', { tenant: 'acme', agentId: 'a9', queues: ['f0', 'new-4'], state: 'available' }),
      // A queue that exists takes its calls; another tenant registers its own queues.
      ev('call.queued', '09:00:04', { tenant: 'acme', callId: 'x5', queueId: 'f7' }),
      ev('call.queued', '09:00:05', { tenant: 'bank', callId: 'y1', queueId: 'new-1' }),
    ]);
    for (const e of late) engine.apply(e);
    const acme = engine.tenants.get('acme')!;
    expect(acme.queues.size).toBe(2000);
    for (const id of ['new-1', 'new-2', 'new-3', 'new-4']) expect(acme.queues.has(id)).toBe(false);
    // Three call events refused; the login is applied with the skill it may have.
    expect(engine.counters.anomaliesByReason).toEqual({ 'too-many-queues': 3 });
    expect(engine.agent('acme', 'a9')!.queues.map((q) => q.config.id)).toEqual(['f0']);
    expect(acme.queues.get('f7')!.waiting.size).toBe(2); // f7's own call at 08:00:07, and x5
    expect(engine.tenants.get('bank')!.queues.get('new-1')!.waiting.size).toBe(1);
  });

  it('still counts one short of the limit as a queue like any other', () => {
    const engine = engineWith(queuedInNewQueues('acme', 1999));
    engine.apply(parse([ev('call.queued', '09:00:00', { tenant: 'acme', callId: 'x1', queueId: 'last' })])[0]);
    expect(engine.tenants.get('acme')!.queues.get('last')!.waiting.size).toBe(1);
    expect(engine.counters.anomaliesByReason).toEqual({});
  });
});
