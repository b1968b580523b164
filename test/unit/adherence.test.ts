import { describe, expect, it } from 'vitest';
import { ADHERENCE_DEFAULTS, adherenceRules } from '../../server/domain/adherence.ts';
import { adherenceLive, adherenceReport } from '../../server/views/adherence.ts';
import { PERFECT, shiftDay, type Step } from '../helpers/shift.ts';
import { taipei } from '../helpers/events.ts';

const RULES = adherenceRules(ADHERENCE_DEFAULTS);
const DAY = 8 * 3600; // scheduled seconds (phone, break and lunch)
const PHONE = 6.75 * 3600; // 09:00-11:00, 11:15-13:00, 14:00-17:00

function report(steps: Step[], opts: { scheduled?: boolean; now?: string; rules?: typeof RULES; intervals?: boolean } = {}) {
  const { engine, plan, day } = shiftDay(steps, opts);
  return adherenceReport(engine, plan, opts.rules ?? RULES, day, { tenants: null }, { intervals: opts.intervals });
}
const agent = (steps: Step[], opts = {}) => report(steps, opts).agents[0];
const replace = (from: string, steps: Step[]) => PERFECT.map((s) => s).filter((s) => s[0] !== from).concat(steps).sort((a, b) => a[0].localeCompare(b[0]));

describe('adherence on hand-worked timelines (grace 60 s, severe 300 s)', () => {
  it('is 100% for a day followed as scheduled', () => {
    expect(agent(PERFECT)).toMatchObject({ status: 'scheduled', scheduledSeconds: DAY, adherentSeconds: DAY, exceptionSeconds: 0, adherence: 1, conformance: 1, exceptions: [] });
  });

  it('counts a late login from the shift start', () => {
    const a = agent([['09:05', 'login'], ...PERFECT.slice(1)]);
    expect(a.exceptions).toEqual([{ start: '2026-11-20T09:00:00+08:00', end: '2026-11-20T09:05:00+08:00', scheduled: 'phone', actual: 'offline', seconds: 300, open: false }]);
    expect(a.adherence).toBe(1 - 300 / DAY);
    expect(a.conformance).toBe((PHONE - 300) / PHONE);
  });

  it('counts an early logout to the shift end', () => {
    const a = agent([...PERFECT.slice(0, 5), ['16:50', 'logout']]);
    expect(a.exceptionSeconds).toBe(600);
    expect(a.exceptions[0]).toMatchObject({ scheduled: 'phone', actual: 'offline', seconds: 600 });
  });

  it('counts a long lunch past its end', () => {
    const a = agent(replace('14:00', [['14:07', 'available']]));
    expect(a.exceptions).toEqual([expect.objectContaining({ start: '2026-11-20T14:00:00+08:00', end: '2026-11-20T14:07:00+08:00', scheduled: 'phone', actual: 'aux:lunch', seconds: 420 })]);
  });

  it('counts aux during phone time', () => {
    const a = agent([...PERFECT, ['10:00', 'aux', 'personal'], ['10:03', 'available']].sort((x, y) => x[0].localeCompare(y[0])) as Step[]);
    expect(a.exceptions).toEqual([expect.objectContaining({ scheduled: 'phone', actual: 'aux:personal', seconds: 180 })]);
    expect(a.adherence).toBe(1 - 180 / DAY);
  });

  it('ignores a break taken 30 s early (within grace) but counts one taken 3 min early in full', () => {
    const early30 = agent(replace('11:00', [['10:59:30', 'aux', 'break']]).filter((s) => s[0] !== '11:15').concat([['11:14:30', 'available']]).sort((x, y) => x[0].localeCompare(y[0])));
    expect(early30).toMatchObject({ exceptionSeconds: 0, adherence: 1 });
    const early3 = agent(replace('11:00', [['10:57', 'aux', 'break']]).filter((s) => s[0] !== '11:15').concat([['11:12', 'available']]).sort((x, y) => x[0].localeCompare(y[0])));
    // 10:57-11:00 on break during phone time, 11:12-11:15 on the phone during break time.
    expect(early3.exceptions.map((e) => [e.scheduled, e.actual, e.seconds])).toEqual([
      ['phone', 'aux:break', 180],
      ['break', 'available', 180],
    ]);
    expect(early3.exceptionSeconds).toBe(360);
  });

  it('accepts lunch for break only when the two are made equivalent', () => {
    const steps = replace('11:00', [['11:00', 'aux', 'lunch']]);
    expect(agent(steps).exceptionSeconds).toBe(900);
    const equivalent = adherenceRules({ ...ADHERENCE_DEFAULTS, equivalences: [['break', 'lunch']] });
    expect(agent(steps, { rules: equivalent }).exceptionSeconds).toBe(0);
  });

  it('counts working outside the shift as an exception', () => {
    const a = agent([['08:50', 'login'], ...PERFECT.slice(1)]);
    expect(a.exceptions[0]).toMatchObject({ start: '2026-11-20T08:50:00+08:00', end: '2026-11-20T09:00:00+08:00', scheduled: 'offline', actual: 'available', seconds: 600 });
    expect(a.adherence).toBe(1 - 600 / DAY);
    expect(a.conformance).toBe((PHONE + 600) / PHONE); // worked more than scheduled: over 100%
  });

  it('splits an exception that crosses an interval boundary exactly', () => {
    const steps = [...PERFECT, ['11:25', 'aux', 'personal'], ['11:40', 'available']].sort((x, y) => x[0].localeCompare(y[0])) as Step[];
    const a = agent(steps, { intervals: true });
    expect(a.exceptions).toEqual([expect.objectContaining({ start: '2026-11-20T11:25:00+08:00', end: '2026-11-20T11:40:00+08:00', seconds: 900 })]);
    const byStart = Object.fromEntries(a.intervals!.map((i) => [i.start.slice(11, 16), i]));
    expect(byStart['11:00']).toMatchObject({ scheduledSeconds: 1800, exceptionSeconds: 300, adherence: 1 - 300 / 1800 });
    expect(byStart['11:30']).toMatchObject({ scheduledSeconds: 1800, exceptionSeconds: 600, adherence: 1 - 600 / 1800 });
  });

  it('reports an agent with no schedule as unscheduled, never as adherent, and leaves it out of team totals', () => {
    const r = report(PERFECT, { scheduled: false });
    expect(r.agents[0]).toMatchObject({ status: 'unscheduled', adherence: null, conformance: null, scheduledSeconds: 0 });
    expect(r.teams).toEqual([]);
  });

  it('plans shrinkage from paid non-phone time and measures it from paid time not working', () => {
    // Paid: 7 h (lunch unpaid); phone 6 h 45 min; planned shrinkage = 15 min / 7 h.
    const a = agent([...PERFECT, ['10:00', 'aux', 'personal'], ['10:03', 'available']].sort((x, y) => x[0].localeCompare(y[0])) as Step[]);
    expect(a.plannedShrinkage).toBe(900 / 25_200);
    expect(a.actualShrinkage).toBe((900 + 180) / 25_200);
  });

  it('counts adherence so far during the day', () => {
    const a = agent(PERFECT, { now: '10:00' });
    expect(a.scheduledSeconds).toBe(3600);
  });
});

describe('live adherence', () => {
  const impact = () => ({ queueId: 'q1', queueName: 'Billing', netAgents: -2, projectedServiceLevel: 0.64 });

  it('lists an agent late back from break with its severity and its queue’s gap', () => {
    const { engine, plan } = shiftDay(PERFECT.filter((s) => s[0] !== '11:15'), { now: '11:19' });
    const live = adherenceLive(engine, plan, RULES, { tenants: null }, impact);
    expect(live.agents[0]).toMatchObject({ scheduled: 'phone', state: 'aux', reason: 'break', status: 'warn', since: taipei('11:15:00') });
    expect(live.exceptions).toEqual([expect.objectContaining({ agentId: 'a', seconds: 240, severity: 'warn', impact: [impact()] })]);
    engine.tick(taipei('11:21:00'));
    expect(adherenceLive(engine, plan, RULES, { tenants: null }, impact).exceptions[0]).toMatchObject({ seconds: 360, severity: 'alert' });
  });

  it('keeps a fresh mismatch in grace', () => {
    const { engine, plan } = shiftDay(PERFECT.filter((s) => s[0] !== '11:15'), { now: '11:15:45' });
    const live = adherenceLive(engine, plan, RULES, { tenants: null }, impact);
    expect(live.agents[0].status).toBe('grace');
    expect(live.exceptions).toEqual([]);
  });
});
