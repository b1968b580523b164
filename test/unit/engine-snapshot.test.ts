import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Engine, skillIds, type EngineConfig } from '../../server/domain/engine.ts';
import { availableAt } from '../../server/domain/queue-members.ts';
import { QUEUE_DEFAULTS } from '../../server/domain/queue-config.ts';
import { engineCaptureSteps, engineFromData, engineToData, LOGIN_NAME, LOGIN_SKILLS, LOGIN_TEAM } from '../../server/domain/engine-snapshot.ts';
import { agentIntervalRows, agentView } from '../../server/views/agent-view.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import { queueView } from '../../server/views/queue-view.ts';
import { runInTurns } from '../../server/floor/in-turns.ts';
import { Simulation } from '../../simulator/simulation.ts';
import { ev, parse } from '../helpers/events.ts';

const ZONE = 'Asia/Taipei';
const config = { timezone: ZONE, intervalMinutes: 30, retentionDays: 3 };

/** Everything the engine shows for a day, listed by tenant and id. */
function figures(e: Engine, date: string): string {
  const day = e.clock.dayOfDate(date)!;
  const queues = [...e.allQueues()].sort((a, b) => (a.config.tenant + a.config.id < b.config.tenant + b.config.id ? -1 : 1));
  const agents = [...e.allAgents()].sort((a, b) => (a.tenant + a.id < b.tenant + b.id ? -1 : 1));
  return JSON.stringify([
    queues.map((q) => [queueIntervalRows(e, q, day.start), queueView(e, q)]),
    agents.map((a) => [agentIntervalRows(e, a, day.start), agentView(e, a)]),
    e.counters,
  ]);
}

describe('engine snapshots', () => {
  const start = DateTime.fromISO('2026-11-20', { zone: ZONE }).toMillis();
  const events = parse(new Simulation(3, ZONE, start).advanceTo(start + 86_400_000));
  // Cut in the late morning, with calls waiting, on hold and in after-call work.
  const cut = events.findIndex((ev) => ev.ts >= start + 11 * 3_600_000 + 17 * 60_000);

  it('restores an engine that goes on exactly like the one that was never stopped', () => {
    const live = new Engine(config);
    for (const ev of events.slice(0, cut)) live.apply(ev);
    const data = JSON.parse(JSON.stringify(engineToData(live)));
    const restored = new Engine(config);
    engineFromData(restored, data);
    expect(figures(restored, '2026-11-20')).toBe(figures(live, '2026-11-20'));
    // Late repeats of what came before the snapshot are still known as duplicates.
    for (const ev of events.slice(cut - 50, events.length)) {
      expect(restored.apply(ev)).toBe(live.apply(ev));
    }
    live.tick(start + 86_400_000);
    restored.tick(start + 86_400_000);
    expect(figures(restored, '2026-11-20')).toBe(figures(live, '2026-11-20'));
    expect(restored.counters.duplicates).toBe(50);
  });

  it("keeps the anomalies no feed's answer has counted yet, for the tenant's next batch", () => {
    const live = new Engine(config);
    // bank's queuing 10 s later takes the engine's clock past the reorder window: the sweep
    // judges acme's answer of a call never queued, and only acme's next answer may count it.
    for (const e of parse([ev('call.answered', '09:00:00', { tenant: 'acme', callId: 'c1', queueId: 'q', agentId: 'a1' }), ev('call.queued', '09:00:10', { tenant: 'bank', callId: 'b1', queueId: 'bq' })])) live.apply(e);
    const restored = new Engine(config);
    engineFromData(restored, JSON.parse(JSON.stringify(engineToData(live))));
    expect({ ...restored.takeUnreportedAnomalies('acme') }).toEqual({ 'never-queued': 1 });
    expect({ ...restored.takeUnreportedAnomalies('acme') }).toEqual({});
  });

  it('a queue keeps its configured name and targets over the saved ones, and what events taught it', () => {
    const at = (hhmm: string) => `2026-11-20T${hhmm}:00+08:00`;
    const events = parse([
      { id: 'q1', type: 'call.queued', ts: at('09:00'), tenant: 'acme', callId: 'c1', queueId: 'billing', channel: 'chat' },
      { id: 'q2', type: 'call.queued', ts: at('09:01'), tenant: 'acme', callId: 'c2', queueId: 'walk-in' },
    ]);
    const before = new Engine({ ...config, queues: [{ id: 'billing', tenant: 'acme', name: 'Billing', slTarget: 0.8 }] });
    for (const ev of events) before.apply(ev);
    const data = JSON.parse(JSON.stringify(engineToData(before)));
    // Edited in the configuration before the restart: a new name and a 90% target.
    const after = new Engine({ ...config, queues: [{ id: 'billing', tenant: 'acme', name: 'Billing desk', slTarget: 0.9 }] });
    engineFromData(after, data);
    const billing = after.queue('acme', 'billing')!;
    expect(billing.config).toMatchObject({ name: 'Billing desk', slTarget: 0.9, channel: 'chat' });
    expect(queueView(after, billing).today.offered).toBe(1);
    // Never configured: the defaults as they are (named by its id, 80% by default, voice).
    expect(after.queue('acme', 'walk-in')!.config).toMatchObject({ name: 'walk-in', slTarget: 0.8 });
    expect(after.queue('acme', 'walk-in')!.config.channel).toBeUndefined();
  });

  it('new defaults reach queues first seen in events, and a kind learned with a channel goes when the file sets another', () => {
    const at = (hhmm: string) => `2026-11-20T${hhmm}:00+08:00`;
    const events = parse([
      { id: 'm1', type: 'call.queued', ts: at('09:00'), tenant: 'acme', callId: 'm1', queueId: 'mailbox', channel: 'email' },
      { id: 'w1', type: 'call.queued', ts: at('09:01'), tenant: 'acme', callId: 'w1', queueId: 'walk-in' },
    ]);
    const before = new Engine(config);
    for (const ev of events) before.apply(ev);
    // The first email made the queue email and deferred work.
    expect(before.queue('acme', 'mailbox')!.config).toMatchObject({ channel: 'email', kind: 'deferred' });
    const data = JSON.parse(JSON.stringify(engineToData(before)));
    const after = new Engine({
      ...config,
      queueDefaults: { ...QUEUE_DEFAULTS, slTarget: 0.85 },
      // The operator says the queue is a phone line after all.
      queues: [{ id: 'mailbox', tenant: 'acme', name: 'Mailbox', channel: 'voice' }],
    });
    engineFromData(after, data);
    expect(after.queue('acme', 'walk-in')!.config.slTarget).toBe(0.85);
    const mailbox = after.queue('acme', 'mailbox')!.config;
    expect(mailbox.channel).toBe('voice');
    expect(mailbox.kind).toBeUndefined();
  });

  describe('names, teams and skills after a restore', () => {
    const at = (hhmm: string) => `2026-11-20T${hhmm}:00+08:00`;
    /** Runs `wire` under `before`, snapshots through JSON, restores under `after` (old-format data with `oldFormat`). */
    function restart(wire: Record<string, unknown>[], before: Partial<EngineConfig>, after: Partial<EngineConfig>, oldFormat = false): Engine {
      const live = new Engine({ ...config, ...before });
      for (const ev of parse(wire)) live.apply(ev);
      const data = JSON.parse(JSON.stringify(engineToData(live)));
      if (oldFormat) for (const t of data.tenants) for (const a of t.agents) if (a.profileKey) a.profileKey = { ts: a.profileKey.ts, rank: a.profileKey.rank, id: a.profileKey.id };
      const restored = new Engine({ ...config, ...after });
      engineFromData(restored, data);
      return restored;
    }
    /** An acme agent's name, team and skills. */
    const profile = (e: Engine, id: string) => {
      const a = e.agent('acme', id)!;
      return [a.name, a.teamId, skillIds(a)];
    };
    const acmeCall = { id: 'c1', type: 'call.queued', ts: at('09:00'), tenant: 'acme', callId: 'c1', queueId: 'q1' };
    const betaCall = { id: 'c2', type: 'call.queued', ts: at('09:00'), tenant: 'beta', callId: 'c2', queueId: 'q1' };

    it('a tenant renamed in the configuration shows its new name; one no longer configured keeps the saved name', () => {
      const e = restart(
        [acmeCall, betaCall],
        { tenants: [{ id: 'acme', name: 'Acme' }, { id: 'beta', name: 'Beta' }] },
        { tenants: [{ id: 'acme', name: 'Acme Telecom' }] },
      );
      expect(e.tenants.get('acme')!.name).toBe('Acme Telecom');
      expect(e.tenants.get('beta')!.name).toBe('Beta');
    });

    it("the configuration's new name and team hold where the login named only skills, and the login's skills stay", () => {
      const e = restart(
        [{ id: 'l1', type: 'agent.login', ts: at('09:00'), tenant: 'acme', agentId: 'a1', queues: ['q2'], state: 'available' }],
        { agents: [{ id: 'a1', tenant: 'acme', name: 'A', teamId: 'T1', queues: ['q1'] }] },
        { agents: [{ id: 'a1', tenant: 'acme', name: 'B', teamId: 'T2', queues: ['q1', 'q9'] }] },
      );
      expect(profile(e, 'a1')).toEqual(['B', 'T2', ['q2']]);
      // The login took the agent off its configured skills, q9 (new in the file) as much as q1.
      for (const q of ['q1', 'q9']) expect(e.queue('acme', q)!.agents.has(e.agent('acme', 'a1')!)).toBe(false);
      expect(availableAt(e.queue('acme', 'q2')!, Date.parse(at('09:05')))).toBe(1);
    });

    it("a name a login set stays over the configuration's, also past a later login that names nothing; skills edited in the file move the agent", () => {
      const e = restart(
        [
          { id: 'l1', type: 'agent.login', ts: at('08:00'), tenant: 'acme', agentId: 'a1', name: 'Ann Lee', state: 'available' },
          { id: 'o1', type: 'agent.logout', ts: at('12:00'), tenant: 'acme', agentId: 'a1' },
          { id: 'l2', type: 'agent.login', ts: at('13:00'), tenant: 'acme', agentId: 'a1', state: 'available' },
        ],
        { agents: [{ id: 'a1', tenant: 'acme', name: 'A', teamId: 'T1', queues: ['q1'] }] },
        { agents: [{ id: 'a1', tenant: 'acme', name: 'B', teamId: 'T2', queues: ['q3'] }] },
      );
      expect(profile(e, 'a1')).toEqual(['Ann Lee', 'T2', ['q3']]);
      // Available since 13:00: counted in its new skill's queue, no longer in its old one.
      expect(e.queue('acme', 'q1')!.agents.has(e.agent('acme', 'a1')!)).toBe(false);
      expect(availableAt(e.queue('acme', 'q3')!, Date.parse(at('13:05')))).toBe(1);
    });

    it("what an earlier login said, arriving after a later login that said nothing, stays over the configuration's", () => {
      const cfg = { agents: [{ id: 'a1', tenant: 'acme', name: 'Cfg', teamId: 't9', queues: ['q9'] }] };
      const e = restart(
        [
          { id: 'l2', type: 'agent.login', ts: at('09:00'), tenant: 'acme', agentId: 'a1', state: 'available' },
          { id: 'l1', type: 'agent.login', ts: at('08:00'), tenant: 'acme', agentId: 'a1', name: 'Ann', teamId: 't1', queues: ['q1'], state: 'available' },
        ],
        cfg,
        cfg,
      );
      expect(profile(e, 'a1')).toEqual(['Ann', 't1', ['q1']]);
      expect(e.queue('acme', 'q9')!.agents.has(e.agent('acme', 'a1')!)).toBe(false);
      expect(availableAt(e.queue('acme', 'q1')!, Date.parse(at('09:05')))).toBe(1);
    });

    it("a login arriving after a restart takes the fields whose latest login it follows, though the agent's latest login came later", () => {
      const e = restart(
        [
          { id: 'l1', type: 'agent.login', ts: at('08:00'), tenant: 'acme', agentId: 'a1', name: 'Ann', teamId: 't1', queues: ['q1'], state: 'available' },
          { id: 'l3', type: 'agent.login', ts: at('10:00'), tenant: 'acme', agentId: 'a1', teamId: 't3', state: 'available' },
        ],
        {},
        {},
      );
      for (const ev of parse([{ id: 'l2', type: 'agent.login', ts: at('09:00'), tenant: 'acme', agentId: 'a1', name: 'Bo', queues: ['q2'], state: 'available' }])) e.apply(ev);
      expect(profile(e, 'a1')).toEqual(['Bo', 't3', ['q2']]);
    });

    it('a snapshot from before logins were told apart keeps the saved values of agents that logged in, and the configuration for the others', () => {
      const e = restart(
        [{ id: 'l1', type: 'agent.login', ts: at('09:00'), tenant: 'acme', agentId: 'a1', queues: ['q2'], state: 'available' }],
        {
          agents: [
            { id: 'a1', tenant: 'acme', name: 'A', teamId: 'T1', queues: ['q1'] },
            { id: 'a2', tenant: 'acme', name: 'Bo', teamId: 'T1', queues: ['q1'] },
          ],
        },
        {
          agents: [
            { id: 'a1', tenant: 'acme', name: 'B', teamId: 'T2', queues: ['q1'] },
            { id: 'a2', tenant: 'acme', name: 'Bo Chen', teamId: 'T2', queues: ['q3'] },
          ],
        },
        true,
      );
      expect(profile(e, 'a1')).toEqual(['A', 'T1', ['q2']]);
      expect(profile(e, 'a2')).toEqual(['Bo Chen', 'T2', ['q3']]);
      // The next snapshot carries what the old one meant: a1's values came from its login.
      const saved = engineToData(e).tenants.find((t) => t.id === 'acme')!.agents.find((a) => a.id === 'a1')!;
      expect(saved.profileKey!.fromLogin).toBe(LOGIN_NAME | LOGIN_TEAM | LOGIN_SKILLS);
    });
  });
});

describe('a call that flowed out and was queued again, through a snapshot', () => {
  // c1 queues in q1 at 09:00:00, flows out at 09:00:05 (settled: kept 5 s for late repeats) and is
  // queued again in q2 at 09:00:06; the snapshot is taken then. a1 answers it in q2 at 09:00:20.
  const wire = [
    { id: 'l', type: 'agent.login', ts: '2026-11-20T08:59:00+08:00', agentId: 'a1', state: 'available', queues: ['q2'] },
    { id: 'q1', type: 'call.queued', ts: '2026-11-20T09:00:00+08:00', callId: 'c1', queueId: 'q1' },
    { id: 'd1', type: 'call.dequeued', ts: '2026-11-20T09:00:05+08:00', callId: 'c1', queueId: 'q1', reason: 'transfer' },
    { id: 'q2', type: 'call.queued', ts: '2026-11-20T09:00:06+08:00', callId: 'c1', queueId: 'q2' },
  ];
  const answer = { id: 'a', type: 'call.answered', ts: '2026-11-20T09:00:20+08:00', callId: 'c1', queueId: 'q2', agentId: 'a1' };

  it('keeps the new leg: its answer counts in q2, as in an engine never stopped (the old leg\'s settling forgot it)', () => {
    const e = new Engine(config);
    for (const ev of parse(wire)) e.apply(ev);
    const restored = new Engine(config);
    engineFromData(restored, JSON.parse(JSON.stringify(engineToData(e))));
    for (const engine of [e, restored]) {
      for (const ev of parse([answer])) engine.apply(ev);
      const q2 = engine.queue('default', 'q2')!;
      // Answered after 14 s: in q2's 09:00 interval, nothing waiting, no anomaly.
      expect(queueView(engine, q2).interval.answered).toBe(1);
      expect(q2.waiting.size).toBe(0);
      expect(engine.counters.anomaliesByReason).toEqual({});
    }
  });
});

describe('a capture over turns of the loop', () => {
  it('gives the same data as the capture in one turn, and lets the loop run while it works', async () => {
    // 700 agents in two tenants and 5,000 calls: more than a step (values weighing 4,096) of calls.
    const e = new Engine(config);
    const at = (s: number) => new Date(Date.parse('2026-11-20T09:00:00+08:00') + s * 1000).toISOString();
    const wire = [
      ...Array.from({ length: 700 }, (_, i) => ({ id: `l${i}`, type: 'agent.login', ts: at(0), tenant: i % 2 ? 'acme' : 'globex', agentId: `a${i}`, queues: ['sales'], state: 'available' })),
      ...Array.from({ length: 5000 }, (_, i) => ({ id: `q${i}`, type: 'call.queued', ts: at(1 + i / 100), tenant: 'acme', callId: `c${i}`, queueId: 'sales' })),
    ];
    for (const ev of parse(wire)) e.apply(ev);
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const sliced = await runInTurns(engineCaptureSteps(e), 0); // a step a turn
    spinning = false;
    // The same text, fields in the same order (toEqual would not see an order or an undefined).
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(engineToData(e)));
    expect(sliced.tenants.map((t) => [t.id, t.agents.length, t.calls.length])).toEqual([
      ['globex', 350, 0],
      ['acme', 350, 5000],
    ]);
    // Pauses at acme's 4,096th call and before each tenant's ids, settled calls and campaigns: at least 5 turns.
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it('gives the same text as the capture in one turn on a simulated day with every kind of state', async () => {
    // Three tenants over a day and a half: a turned day, campaigns, chat slots, calls in every state.
    const start = Date.parse('2026-11-19T21:00:00+08:00');
    const e = new Engine(config);
    for (const ev of parse(new Simulation(3, ZONE, start).advanceTo(start + 35 * 3_600_000))) e.apply(ev);
    const whole = JSON.stringify(engineToData(e));
    expect(whole.length).toBeGreaterThan(1_000_000);
    expect(JSON.stringify(await runInTurns(engineCaptureSteps(e), 0))).toBe(whole);
  });
});
