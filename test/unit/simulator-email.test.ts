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
    // Cards callers waiting (queued, not yet answered or gone), with their queue times.
    const waiting = new Map<string, number>();
    let emailsOverCallers = 0;
    let emailsByBoth = 0;
    for (const e of events) {
      const ts = Date.parse(e.ts);
      if (e.queueId === 'jade-cards') {
        if (e.type === 'call.queued') waiting.set(e.callId as string, ts);
        else waiting.delete(e.callId as string);
      }
      if (e.type !== 'call.answered' || e.queueId !== email.id || !both.has(e.agentId as string)) continue;
      emailsByBoth++;
      // The answer comes 2-5 s after the routing decision: a caller queued in those seconds is no fault.
      if ([...waiting.values()].some((at) => at < ts - 5_000)) emailsOverCallers++;
    }
    expect(emailsByBoth).toBeGreaterThan(0);
    expect(emailsOverCallers).toBe(0);
  });
});
