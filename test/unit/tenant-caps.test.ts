/**
 * A feed may register at most 2,000 queues and 50,000 agents in its tenant
 * (MAX_QUEUES_PER_TENANT, MAX_AGENTS_PER_TENANT): beyond, an event naming a new one is the
 * anomaly `too-many-queues` or `too-many-agents` and changes nothing, while events of those
 * that exist, and other tenants, go on as before. A forecast or schedule import is held to the
 * same caps: an analyst's forecasts for made-up queues and schedules of made-up agents (120,000
 * in one 8 MB import) registered them all.
 */
import { describe, expect, it } from 'vitest';
import { Plan } from '../../server/domain/plan.ts';
import { Fold } from '../../server/floor/fold.ts';
import { agentView } from '../../server/views/agent-view.ts';
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
    // Three call events refused; the login is applied with the skill it may have, and says which it may not
    // (before, its skill new-4 was left out without a word: the feed's answer counted no anomaly).
    expect(engine.counters.anomaliesByReason).toEqual({ 'too-many-queues': 4 });
    expect(engine.agent('acme', 'a9')!.queues.map((q) => q.config.id)).toEqual(['f0']);
    expect(acme.recentAnomalies.at(-1)).toMatchObject({ reason: 'too-many-queues', detail: "queue new-4 would be more than 2000 queues in the tenant: agent a9's login leaves out 1 of its queues, its other skills stand" });
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

describe('agents a tenant’s events may register', () => {
  it('refuses the 50,001st agent of a tenant, whatever the event, and keeps the rest going', () => {
    const logins = Array.from({ length: 50_000 }, (_, i) => ({ id: `l${i}`, type: 'agent.login', ts: '2026-11-20T08:00:00+08:00', tenant: 'acme', agentId: `a${i}`, queues: ['q'], state: 'available' }));
    const engine = engineWith(logins);
    const acme = engine.tenants.get('acme')!;
    expect(acme.agents.size).toBe(50_000);
    for (const e of parse([
      ev('agent.login', '09:00:00', { tenant: 'acme', agentId: 'n1', queues: ['q'], state: 'available' }),
      ev('agent.state', '09:00:01', { tenant: 'acme', agentId: 'n2', state: 'aux', reason: 'break' }),
      ev('agent.logout', '09:00:02', { tenant: 'acme', agentId: 'n3' }),
      ev('call.queued', '09:00:03', { tenant: 'acme', callId: 'c1', queueId: 'q' }),
      ev('call.answered', '09:00:04', { tenant: 'acme', callId: 'c1', queueId: 'q', agentId: 'n4' }),
      // An agent that exists goes on; another tenant registers its own.
      ev('agent.state', '09:00:05', { tenant: 'acme', agentId: 'a7', state: 'aux', reason: 'break' }),
      ev('agent.login', '09:00:06', { tenant: 'bank', agentId: 'n1', queues: ['q'], state: 'available' }),
    ]))
      engine.apply(e);
    expect(acme.agents.size).toBe(50_000);
    for (const id of ['n1', 'n2', 'n3', 'n4']) expect(acme.agents.has(id)).toBe(false);
    expect(engine.counters.anomaliesByReason).toEqual({ 'too-many-agents': 4 });
    // The refused answer left the caller waiting: it changed nothing.
    expect(acme.queues.get('q')!.waiting.size).toBe(1);
    expect(agentView(engine, engine.agent('acme', 'a7')!).state).toBe('aux');
    expect(engine.tenants.get('bank')!.agents.has('n1')).toBe(true);
  });
});

describe('queues and agents a tenant’s plan imports may register', () => {
  const day = { dayStart: Date.parse('2026-11-21T00:00:00+08:00'), dayEnd: Date.parse('2026-11-22T00:00:00+08:00') };
  const nine = Date.parse('2026-11-21T09:00:00+08:00');
  const forecast = (tenant: string, queueId: string) => ({ k: 'forecast' as const, tenant, queueId, ...day, rows: [[nine, 30, 240]] as [number, number, number][] });
  const schedule = (tenant: string, agentIds: string[]) => ({ k: 'schedule' as const, tenant, ...day, segments: agentIds.map((agentId) => ({ agentId, start: nine, end: nine + 3_600_000, activity: 'phone' })) });

  it('refuses a forecast that would be the 2,001st queue, registering nothing and keeping no forecast', () => {
    const fold = new Fold(engineWith(queuedInNewQueues('acme', 2000)), new Plan());
    expect(fold.apply(forecast('acme', 'made-up'))).toEqual({ refused: 'queue made-up would be more than 2000 queues in the tenant', code: 'plan.queuesFull', params: { queue: 'made-up', limit: 2000 } });
    expect(fold.engine.tenants.get('acme')!.queues.size).toBe(2000);
    expect(fold.plan.forecast('acme', 'made-up', nine)).toBeUndefined();
    // A queue that exists takes its forecast; another tenant registers its own.
    expect(fold.apply(forecast('acme', 'f5'))).toEqual({ intervals: 1 });
    expect(fold.plan.forecast('acme', 'f5', nine)).toEqual({ calls: 30, ahtSeconds: 240 });
    expect(fold.apply(forecast('bank', 'made-up'))).toEqual({ intervals: 1 });
    expect(fold.engine.queue('bank', 'made-up')).toBeDefined();
  });

  it('refuses a schedule whose new agents would pass 50,000, as a whole, and takes one that ends at it', () => {
    const fold = new Fold(engineWith([ev('agent.login', '08:00:00', { tenant: 'acme', agentId: 'a0', queues: ['q'], state: 'available' })]), new Plan());
    const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `s${from + i}`);
    // a0 and 50,000 made-up agents would be 50,001.
    expect(fold.apply(schedule('acme', ['a0', ...ids(50_000)]))).toEqual({ refused: "the schedule's new agents would be more than 50000 agents in the tenant", code: 'plan.agentsFull', params: { limit: 50_000 } });
    expect(fold.engine.tenants.get('acme')!.agents.size).toBe(1);
    expect(fold.plan.agentsWithSchedules('acme')).toEqual([]);
    // a0 and 49,999 new ones are exactly 50,000; then one more new agent is refused, one that exists is not.
    expect(fold.apply(schedule('acme', ['a0', ...ids(49_999)]))).toEqual({ segments: 50_000, agents: 50_000 });
    expect(fold.engine.tenants.get('acme')!.agents.size).toBe(50_000);
    expect(fold.apply(schedule('acme', ['late']))).toMatchObject({ refused: expect.any(String) });
    expect(fold.engine.agent('acme', 'late')).toBeUndefined();
    expect(fold.apply(schedule('acme', ['s7']))).toEqual({ segments: 1, agents: 1 });
    expect(fold.apply(schedule('bank', ids(3)))).toEqual({ segments: 3, agents: 3 });
  });
});
