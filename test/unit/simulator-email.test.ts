import { describe, expect, it } from 'vitest';
import { buildAgents, QUEUES } from '../../simulator/day-model.ts';
import { Simulation } from '../../simulator/simulation.ts';

const TZ = 'Asia/Taipei';
const START = Date.parse('2026-11-19T21:00:00+08:00');
const events = new Simulation(42, TZ, START).advanceTo(START + 27 * 3_600_000);
const email = QUEUES.find((q) => q.channel === 'email')!;
const of = (type: string) => events.filter((e) => e.type === type && (e.queueId === email.id || (e.callId as string)?.startsWith(email.id)));

describe('simulated email queue', () => {
  it('starts with a backlog carried from the day before, queued over the 24 hours before the start', () => {
    const carried = of('call.queued').filter((e) => Date.parse(e.ts) < START);
    expect(carried).toHaveLength(email.backlogAtStart!);
    expect(Date.parse(carried[0].ts)).toBe(START - 24 * 3_600_000);
    expect(carried.every((e) => e.channel === 'email')).toBe(true);
  });

  it('has arrivals through the day and night, and agents answering and wrapping emails', () => {
    const hours = new Set(of('call.queued').filter((e) => Date.parse(e.ts) >= START).map((e) => new Date(Date.parse(e.ts) + 8 * 3_600_000).getUTCHours()));
    expect(hours.size).toBe(24);
    expect(of('call.answered').length).toBeGreaterThan(100);
    expect(of('call.wrapped').length).toBeGreaterThan(100);
  });

  it('serves a waiting caller before an email on an agent skilled for both', () => {
    const both = new Set(buildAgents().filter((a) => a.skills.includes(email.id) && a.skills.length > 1).map((a) => a.id));
    expect(both.size).toBeGreaterThan(0);
    // Each Cards caller: queued at, and when it stopped waiting unassigned. An answered call was
    // routed 2-5 s before its answer (the ring), so it was surely unrouted until 5 s before it;
    // an abandoned or dequeued one waited until it left.
    const cards = new Map<string, { queuedAt: number; freeUntil: number }>();
    for (const e of events) {
      if (e.queueId !== 'jade-cards') continue;
      const ts = Date.parse(e.ts);
      if (e.type === 'call.queued') cards.set(e.callId as string, { queuedAt: ts, freeUntil: Infinity });
      else if (cards.has(e.callId as string)) cards.get(e.callId as string)!.freeUntil = e.type === 'call.answered' ? ts - 5_000 : ts;
    }
    let emailsOverCallers = 0;
    let emailsByBoth = 0;
    for (const e of events) {
      if (e.type !== 'call.answered' || e.queueId !== email.id || !both.has(e.agentId as string)) continue;
      emailsByBoth++;
      // The email was routed in [ts - 5 s, ts - 2 s]: a fault only when a caller surely waited unrouted over that whole span.
      const ts = Date.parse(e.ts);
      if ([...cards.values()].some((c) => c.queuedAt < ts - 5_000 && c.freeUntil > ts - 2_000)) emailsOverCallers++;
    }
    expect(emailsByBoth).toBeGreaterThan(0);
    expect(emailsOverCallers).toBe(0);
  });

  it('logs its email agents in with one email slot, and gives none of them a second email while one is open', () => {
    const deskIds = new Set(buildAgents().filter((a) => a.skills.includes(email.id)).map((a) => a.id));
    const logins = events.filter((e) => e.type === 'agent.login' && deskIds.has(e.agentId as string));
    expect(logins.length).toBeGreaterThan(0);
    for (const l of logins) expect((l.capacity as { email?: number }).email, String(l.agentId)).toBe(1);
    // Emails open per agent, from answer to wrap: never more than the one slot declared.
    const open = new Map<string, number>();
    let most = 0;
    for (const e of events) {
      if (!(e.callId as string | undefined)?.startsWith(email.id)) continue;
      const id = e.agentId as string;
      if (e.type === 'call.answered') open.set(id, (open.get(id) ?? 0) + 1);
      else if (e.type === 'call.wrapped') open.set(id, (open.get(id) ?? 0) - 1);
      most = Math.max(most, open.get(id) ?? 0);
    }
    expect(most).toBe(1);
  });
});
