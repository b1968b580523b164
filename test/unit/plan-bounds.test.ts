/**
 * The plan's bounds: its past days are forgotten with the engine's (retentionDays) when the day
 * turns, a change for a forgotten day is refused, a tenant holds at most 500 what-ifs and at most
 * 2,000,000 forecast intervals and schedule segments, and a plan reaches at most 400 days ahead. Before, a server that ran a year kept every day's forecast and
 * schedule of every queue in memory and in every snapshot, and what-ifs only ever grew.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { addDays } from '../../server/domain/forecast/daily-history.ts';
import { MAX_PLAN_ROWS_PER_TENANT, Plan, tooFarAhead, type ForecastInterval, type PlanData } from '../../server/domain/plan.ts';
import { Fold } from '../../server/floor/fold.ts';
import type { LogEntry } from '../../server/protocol/log.ts';
import { ev, parse, taipei } from '../helpers/events.ts';

const D = '2026-11-20';
const HOUR = 3_600_000;

function floor(retentionDays = 30): Fold {
  return new Fold(new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, retentionDays }), new Plan());
}

/** Day D+k of the fold's clock. */
const dayAt = (fold: Fold, k: number) => fold.engine.clock.dayOfDate(addDays(D, k))!;

/** A forecast of 10 calls at 09:00, a 09:00-17:00 phone shift for a1 and a +1 what-if 10:00-11:00, all of day D+k. */
function planDay(fold: Fold, k: number): void {
  const { start, end, date } = dayAt(fold, k);
  const results = [
    fold.apply({ k: 'forecast', tenant: 'acme', queueId: 'q', dayStart: start, dayEnd: end, rows: [[start + 9 * HOUR, 10, 240]] }),
    fold.apply({ k: 'schedule', tenant: 'acme', dayStart: start, dayEnd: end, segments: [{ agentId: 'a1', start: start + 9 * HOUR, end: start + 17 * HOUR, activity: 'phone' }] }),
    fold.apply({ k: 'whatif.add', tenant: 'acme', queueId: 'q', date, from: start + 10 * HOUR, to: start + 11 * HOUR, agents: 1, label: '', createdBy: 'ana' }),
  ];
  for (const r of results) expect(r).not.toHaveProperty('refused');
}

/** The days D+k (k in `ks`) that still have the forecast, a1's shift and the what-if, each listed apart. */
function planned(fold: Fold, ks: number[]): { forecast: number[]; schedule: number[]; whatIf: number[] } {
  const { plan } = fold;
  return {
    forecast: ks.filter((k) => plan.forecast('acme', 'q', dayAt(fold, k).start + 9 * HOUR) !== undefined),
    schedule: ks.filter((k) => plan.segments('acme', 'a1', dayAt(fold, k).start, dayAt(fold, k).end).length > 0),
    whatIf: ks.filter((k) => plan.whatIfsFor('acme', 'q', dayAt(fold, k).date).length > 0),
  };
}

/** An events entry of one call queued at `at` (Taipei) on `date`. */
const eventsAt = (date: string, at: string): LogEntry => ({ k: 'events', events: parse([ev('call.queued', at, { tenant: 'acme', callId: `c-${date}`, queueId: 'q' }, { date, offset: '+08:00' })]) });

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ALL = range(-40, 1);

describe('forgetting the plan’s past days', () => {
  it('keeps today, the 29 days before it and tomorrow of a 30-day retention once the day turns, and forgets D-40..D-30', () => {
    const fold = floor(30);
    // Posted before the floor saw any day: nothing is forgotten yet, all 42 days are there.
    for (const k of ALL) planDay(fold, k);
    expect(planned(fold, ALL)).toEqual({ forecast: ALL, schedule: ALL, whatIf: ALL });
    expect(fold.plan.keptFrom).toBe(-Infinity);

    fold.apply(eventsAt(D, '00:00:05'));
    // Retention 30 = today and 29 days before: D-29 (2026-10-22) .. D, and D+1 ahead.
    const kept = range(-29, 1);
    expect(planned(fold, ALL)).toEqual({ forecast: kept, schedule: kept, whatIf: kept });
    expect(fold.plan.keptFrom).toBe(Date.parse('2026-10-22T00:00:00+08:00'));
    expect(fold.plan.whatIfCount('acme')).toBe(31);
    // One forecast row, one segment, one what-if per kept day: nothing else left behind.
    const data = fold.plan.toJSON();
    expect(data.forecasts).toHaveLength(1);
    expect(data.forecasts[0][1]).toHaveLength(31);
    expect(data.schedules).toEqual([['4:acme/a1', expect.any(Array)]]);
    expect(data.schedules[0][1]).toHaveLength(31);
    expect(data.whatIfs).toHaveLength(31);

    // Another event of the same day forgets nothing more; the next day forgets D-29.
    fold.apply(eventsAt(D, '12:00:00'));
    expect(planned(fold, ALL).forecast).toEqual(kept);
    fold.apply(eventsAt('2026-11-21', '00:00:05'));
    expect(planned(fold, ALL)).toEqual({ forecast: range(-28, 1), schedule: range(-28, 1), whatIf: range(-28, 1) });
    expect(fold.plan.whatIfCount('acme')).toBe(30);
  });

  it('keeps a night shift that runs into the oldest kept day whole, until that day goes too', () => {
    const fold = floor(30);
    const d30 = dayAt(fold, -30);
    // 22:00 on D-30 to 06:00 on D-29.
    const shift = { agentId: 'a2', start: d30.start + 22 * HOUR, end: d30.end + 6 * HOUR, activity: 'phone' };
    fold.apply({ k: 'schedule', tenant: 'acme', dayStart: d30.start, dayEnd: d30.end, segments: [shift] });
    fold.apply(eventsAt(D, '00:00:05'));
    expect(fold.plan.segments('acme', 'a2', d30.start, d30.end + 6 * HOUR)).toEqual([shift]);
    expect(fold.plan.agentsWithSchedules('acme')).toEqual(['a2']);
    // On D+1 the oldest day kept is D-28: the shift ended before it.
    fold.apply(eventsAt('2026-11-21', '00:00:05'));
    expect(fold.plan.segments('acme', 'a2', d30.start, d30.end + 6 * HOUR)).toEqual([]);
    expect(fold.plan.agentsWithSchedules('acme')).toEqual([]);
  });

  it('refuses a forecast, schedule or what-if for a forgotten day and registers nothing for it', () => {
    const fold = floor(30);
    fold.apply(eventsAt(D, '00:00:05'));
    const d30 = dayAt(fold, -30);
    // Retention 30 on 2026-11-20 keeps 10-22 (29 days before) on; D-30 is 10-21.
    const refused = {
      refused: '2026-10-21 is before 2026-10-22, the oldest day the floor keeps (retentionDays 30): its plan can no longer be changed',
      code: 'plan.dayForgotten',
      params: { date: '2026-10-21', oldest: '2026-10-22', retentionDays: 30 },
    };
    expect(fold.apply({ k: 'forecast', tenant: 'acme', queueId: 'made-up', dayStart: d30.start, dayEnd: d30.end, rows: [[d30.start + 9 * HOUR, 10, 240]] })).toEqual(refused);
    expect(fold.engine.queue('acme', 'made-up')).toBeUndefined();
    expect(fold.apply({ k: 'schedule', tenant: 'acme', dayStart: d30.start, dayEnd: d30.end, segments: [{ agentId: 'z9', start: d30.start + 9 * HOUR, end: d30.start + 10 * HOUR, activity: 'phone' }] })).toEqual(refused);
    expect(fold.engine.agent('acme', 'z9')).toBeUndefined();
    expect(fold.apply({ k: 'whatif.add', tenant: 'acme', queueId: 'q', date: d30.date, from: d30.start + 10 * HOUR, to: d30.start + 11 * HOUR, agents: 1, label: '', createdBy: 'ana' })).toEqual(refused);
    expect(fold.plan.whatIfCount('acme')).toBe(0);
    // The oldest kept day still takes a plan.
    const d29 = dayAt(fold, -29);
    expect(fold.apply({ k: 'forecast', tenant: 'acme', queueId: 'q', dayStart: d29.start, dayEnd: d29.end, rows: [[d29.start + 9 * HOUR, 10, 240]] })).toEqual({ intervals: 1 });
  });

  it('keeps the pruned plan and the day it forgot before across a snapshot round trip', () => {
    const fold = floor(30);
    for (const k of ALL) planDay(fold, k);
    fold.apply(eventsAt(D, '00:00:05'));
    const data = JSON.parse(JSON.stringify(fold.plan.toJSON())) as PlanData;
    expect(data.keptFrom).toBe(Date.parse('2026-10-22T00:00:00+08:00'));

    const restored = new Fold(fold.engine, new Plan());
    restored.plan.load(data);
    expect(restored.plan.toJSON()).toEqual(data);
    const kept = range(-29, 1);
    expect(planned(restored, ALL)).toEqual({ forecast: kept, schedule: kept, whatIf: kept });
    expect(restored.plan.whatIfCount('acme')).toBe(31);
    // A forgotten day stays forgotten: the restored plan refuses it as the running one did.
    const d30 = dayAt(fold, -30);
    expect(restored.apply({ k: 'forecast', tenant: 'acme', queueId: 'q', dayStart: d30.start, dayEnd: d30.end, rows: [[d30.start + 9 * HOUR, 10, 240]] })).toMatchObject({ refused: expect.stringContaining('2026-10-21 is before 2026-10-22') });
  });

  it('forgets at load the days of a snapshot written before days were forgotten', () => {
    const fold = floor(3);
    // Planned before the floor saw a day: its data is as such a snapshot held it, with no keptFrom.
    for (const k of [-10, -2, 0, 1]) planDay(fold, k);
    const data = JSON.parse(JSON.stringify(fold.plan.toJSON())) as PlanData;
    expect(data).not.toHaveProperty('keptFrom');
    for (const e of parse([ev('call.queued', '09:00:00', { tenant: 'acme', callId: 'c1', queueId: 'q' })])) fold.engine.apply(e);

    const restored = new Fold(fold.engine, new Plan());
    restored.plan.load(data);
    expect(restored.plan.keptFrom).toBe(-Infinity);
    restored.forgetPlanDays();
    // Retention 3 on D: D-2 .. D kept, and D+1.
    expect(planned(restored, [-10, -2, 0, 1])).toEqual({ forecast: [-2, 0, 1], schedule: [-2, 0, 1], whatIf: [-2, 0, 1] });
    expect(restored.plan.keptFrom).toBe(dayAt(fold, -2).start);
  });
});

describe('what-ifs a tenant may hold', () => {
  const whatIf = (tenant: string): LogEntry => ({ k: 'whatif.add', tenant, queueId: 'q', date: D, from: taipei('10:00:00'), to: taipei('11:00:00'), agents: 1, label: '', createdBy: 'ana' });

  it('takes the 500th, refuses the 501st, and another tenant’s first goes on', () => {
    const fold = floor();
    for (let i = 1; i <= 500; i++) expect(fold.apply(whatIf('acme'))).toMatchObject({ id: `w${i}` });
    expect(fold.apply(whatIf('acme'))).toEqual({
      refused: 'the tenant already has 500 what-ifs: remove some before adding more (those of days past the retention go by themselves)',
      code: 'plan.whatIfsFull',
      params: { limit: 500 },
    });
    expect(fold.plan.whatIfCount('acme')).toBe(500);
    expect(fold.apply(whatIf('bank'))).toMatchObject({ tenant: 'bank', id: 'w1' });
    // One removed makes room for one more; the refused one took no id.
    expect(fold.apply({ k: 'whatif.remove', tenant: 'acme', id: 'w7' })).toEqual({ removed: true });
    expect(fold.apply(whatIf('acme'))).toMatchObject({ tenant: 'acme', id: 'w501' });
    expect(fold.apply(whatIf('acme'))).toHaveProperty('refused');
  });

  it('counts a tenant’s what-ifs again from a snapshot', () => {
    const fold = floor();
    for (let i = 0; i < 500; i++) fold.apply(whatIf('acme'));
    const restored = new Fold(fold.engine, new Plan());
    restored.plan.load(JSON.parse(JSON.stringify(fold.plan.toJSON())));
    expect(restored.apply(whatIf('acme'))).toHaveProperty('refused');
    expect(restored.apply({ k: 'whatif.remove', tenant: 'acme', id: 'w1' })).toEqual({ removed: true });
    expect(restored.apply(whatIf('acme'))).toMatchObject({ id: 'w501' });
  });
});

describe('what-if ids', () => {
  const whatIf = (tenant: string): LogEntry => ({ k: 'whatif.add', tenant, queueId: 'q', date: D, from: taipei('10:00:00'), to: taipei('11:00:00'), agents: 1, label: '', createdBy: 'ana' });

  it("are numbered per tenant, so one tenant's ids do not count another's what-ifs", () => {
    // Before, one counter served every tenant: acme's w1, then bank's w2-w4 told bank that
    // someone else had made one, and acme's next (w5) that someone had made three.
    const fold = floor();
    expect(fold.apply(whatIf('acme'))).toMatchObject({ tenant: 'acme', id: 'w1' });
    for (const id of ['w1', 'w2', 'w3']) expect(fold.apply(whatIf('bank'))).toMatchObject({ tenant: 'bank', id });
    expect(fold.apply(whatIf('acme'))).toMatchObject({ tenant: 'acme', id: 'w2' });
    // The same id in two tenants is two what-ifs: bank removing its w1 leaves acme's.
    expect(fold.apply({ k: 'whatif.remove', tenant: 'bank', id: 'w1' })).toEqual({ removed: true });
    expect([fold.plan.whatIf('acme', 'w1')?.tenant, fold.plan.whatIf('bank', 'w1')]).toEqual(['acme', undefined]);
    expect(fold.plan.whatIfsFor('bank', 'q', D).map((w) => w.id)).toEqual(['w2', 'w3']);
    // A snapshot keeps every tenant's count; a tenant new since starts at w1.
    const restored = new Fold(fold.engine, new Plan());
    restored.plan.load(JSON.parse(JSON.stringify(fold.plan.toJSON())));
    expect([restored.apply(whatIf('acme')), restored.apply(whatIf('bank')), restored.apply(whatIf('capco'))].map((w) => (w as { id: string }).id)).toEqual(['w3', 'w4', 'w1']);
  });

  it('go on past every id of a snapshot written with the one shared counter', () => {
    // That snapshot's plan has no per-tenant numbers: acme's w1 and bank's w2, next 3.
    const w = (id: string, tenant: string) => ({ id, tenant, queueId: 'q', date: D, from: taipei('10:00:00'), to: taipei('11:00:00'), agents: 1, label: '', createdBy: 'ana' });
    const fold = new Fold(floor().engine, new Plan());
    fold.plan.load({ forecasts: [], schedules: [], scheduledAgents: [], whatIfs: [w('w1', 'acme'), w('w2', 'bank')], nextWhatIf: 3 });
    expect([fold.apply(whatIf('acme')), fold.apply(whatIf('bank')), fold.apply(whatIf('acme'))].map((x) => (x as { id: string }).id)).toEqual(['w3', 'w3', 'w4']);
    expect(fold.plan.whatIfsFor('bank', 'q', D).map((x) => x.id)).toEqual(['w2', 'w3']);
  });
});

describe('the what-ifs of one queue interval', () => {
  const add = (fold: Fold, from: string, to: string, agents: number) => fold.apply({ k: 'whatif.add', tenant: 'acme', queueId: 'q', date: D, from: taipei(from), to: taipei(to), agents, label: '', createdBy: 'ana' });

  it('add or remove at most 10,000 agents in all; the one that would take an interval past is refused', () => {
    const fold = floor();
    expect(add(fold, '10:00:00', '11:00:00', 10_000)).toMatchObject({ id: 'w1' });
    // 10:30 would have 10,000 + 1.
    expect(add(fold, '10:30:00', '11:30:00', 1)).toEqual({
      refused: 'with it the what-ifs of an interval would come to +10,001 agents: at most 10,000 either way',
      code: 'plan.whatIfAgents',
      params: { agents: 10_001, limit: 10_000 },
    });
    // Starting before the +10,000, it would reach 10,001 where that one starts (10:00).
    expect(add(fold, '09:30:00', '10:30:00', 1)).toMatchObject({ params: { agents: 10_001 } });
    // The same day and queue elsewhere, another queue, another tenant: each its own.
    expect(add(fold, '11:00:00', '12:00:00', 10_000)).toMatchObject({ id: 'w2' });
    expect(fold.apply({ k: 'whatif.add', tenant: 'acme', queueId: 'other', date: D, from: taipei('10:00:00'), to: taipei('11:00:00'), agents: 10_000, label: '', createdBy: 'ana' })).toMatchObject({ id: 'w3' });
    expect(fold.apply({ k: 'whatif.add', tenant: 'bank', queueId: 'q', date: D, from: taipei('10:00:00'), to: taipei('11:00:00'), agents: 10_000, label: '', createdBy: 'ana' })).toMatchObject({ id: 'w1' });
    // -5,000 at 10:30 makes room there (5,000): +5,000 brings it back to 10,000, and +1 more is refused again.
    expect(add(fold, '10:30:00', '11:00:00', -5_000)).toMatchObject({ id: 'w4' });
    expect(add(fold, '10:30:00', '11:00:00', 5_000)).toMatchObject({ id: 'w5' });
    expect(add(fold, '10:30:00', '11:00:00', 1)).toMatchObject({ params: { agents: 10_001 } });
    // Either way: -10,000 and -10,000 at 13:00 are -20,000.
    expect(add(fold, '13:00:00', '14:00:00', -10_000)).toMatchObject({ id: 'w6' });
    expect(add(fold, '13:30:00', '14:00:00', -10_000)).toEqual({
      refused: 'with it the what-ifs of an interval would come to -20,000 agents: at most 10,000 either way',
      code: 'plan.whatIfAgents',
      params: { agents: -20_000, limit: 10_000 },
    });
    expect(fold.plan.whatIfCount('acme')).toBe(6);
  });
});

describe('the rows a tenant’s plan holds', () => {
  /** `n` half-hour forecast rows of queue `q` from 00:00 of day D+k, `calls` each. */
  const rowsOf = (fold: Fold, k: number, n: number, calls = 10): [number, number, number][] => Array.from({ length: n }, (_, i) => [dayAt(fold, k).start + i * 1_800_000, calls, 240]);
  const forecast = (fold: Fold, k: number, n: number, tenant = 'acme', queueId = 'q'): Extract<LogEntry, { k: 'forecast' }> => ({ k: 'forecast', tenant, queueId, dayStart: dayAt(fold, k).start, dayEnd: dayAt(fold, k).end, rows: rowsOf(fold, k, n) });
  /** Agent `agentId`'s `n` half-hour segments from 00:00 of day D+k, an hour apart. */
  const schedule = (fold: Fold, k: number, agentId: string, n: number): LogEntry => ({
    k: 'schedule',
    tenant: 'acme',
    dayStart: dayAt(fold, k).start,
    dayEnd: dayAt(fold, k).end,
    segments: Array.from({ length: n }, (_, i) => ({ agentId, start: dayAt(fold, k).start + i * HOUR, end: dayAt(fold, k).start + i * HOUR + HOUR / 2, activity: 'phone' })),
  });

  it('counts forecast intervals and segments as they are added, replaced, forgotten and restored', () => {
    const fold = floor(3);
    const count = () => fold.plan.rowCount('acme');
    fold.apply(forecast(fold, 0, 48));
    fold.apply(forecast(fold, 1, 48));
    expect(count()).toBe(96);
    // Replacing day D's 48 with 20: 96 - 48 + 20.
    fold.apply(forecast(fold, 0, 20));
    expect(count()).toBe(68);
    // a1's 10 and a2's 5 on D, a1's 3 on D+1: 68 + 18.
    fold.apply(schedule(fold, 0, 'a1', 10));
    fold.apply(schedule(fold, 0, 'a2', 5));
    fold.apply(schedule(fold, 1, 'a1', 3));
    expect(count()).toBe(86);
    // a1's D again with 4: 86 - 10 + 4; a DELETE of D+1's forecast: - 48.
    fold.apply(schedule(fold, 0, 'a1', 4));
    fold.apply({ ...forecast(fold, 1, 0), rows: [] });
    expect(count()).toBe(32);
    expect(fold.plan.rowCount('other')).toBe(0);
    // Restored from a snapshot, the count is the same.
    const restored = new Plan();
    restored.load(JSON.parse(JSON.stringify(fold.plan.toJSON())) as PlanData);
    expect(restored.rowCount('acme')).toBe(32);
    // The day turns to D+3 with a retention of 3: D goes (its 20 intervals, a1's 4 and a2's 5), D+1 (a1's 3) stays.
    fold.apply(eventsAt(addDays(D, 3), '00:00:05'));
    expect(count()).toBe(3);
  });

  describe('at the ceiling', () => {
    // One fold filled to 10 under the ceiling with 48-interval days of forecasts for many queues.
    const fold = floor(3);
    const filled = MAX_PLAN_ROWS_PER_TENANT - 10;
    const day = dayAt(fold, 0);
    beforeAll(() => {
      const rows = (n: number) => new Map(rowsOf(fold, 0, n).map(([s, calls, aht]): [number, ForecastInterval] => [s, { calls, ahtSeconds: aht }]));
      const whole = rows(48);
      for (let q = 0; q * 48 < filled; q++) fold.plan.setForecast('acme', `fill${q}`, day.start, day.end, filled - q * 48 >= 48 ? whole : rows(filled - q * 48));
    });

    it('holds 1,999,990 rows, refuses 11 more, naming the rows and the limit, and registers nothing', () => {
      expect(fold.plan.rowCount('acme')).toBe(1_999_990);
      const refused = {
        refused: "with it the tenant's plan would hold 2,000,001 forecast intervals and schedule segments: at most 2,000,000 (those of days past the retention go by themselves)",
        code: 'plan.rowsFull',
        params: { rows: 2_000_001, limit: 2_000_000 },
      };
      expect(fold.apply(forecast(fold, 1, 11, 'acme', 'new-q'))).toEqual(refused);
      expect(fold.apply(schedule(fold, 1, 'new-agent', 11))).toEqual(refused);
      expect(fold.engine.queue('acme', 'new-q')).toBeUndefined();
      expect(fold.engine.tenant('acme').agents.has('new-agent')).toBe(false);
      expect(fold.plan.rowCount('acme')).toBe(1_999_990);
      expect(fold.plan.segments('acme', 'new-agent', 0, Infinity)).toEqual([]);
    });

    it('takes up to the limit, a change that does not grow the plan past it, and another tenant’s rows', () => {
      expect(fold.apply(schedule(fold, 1, 'a1', 10))).toEqual({ segments: 10, agents: 1 });
      expect(fold.plan.rowCount('acme')).toBe(2_000_000);
      // a1's 10 replaced by 10, then fill0's 48 by 48 other numbers: the plan does not grow.
      expect(fold.apply(schedule(fold, 1, 'a1', 10))).toEqual({ segments: 10, agents: 1 });
      expect(fold.apply({ ...forecast(fold, 0, 48, 'acme', 'fill0'), rows: rowsOf(fold, 0, 48, 99) })).toEqual({ intervals: 48 });
      expect(fold.plan.forecast('acme', 'fill0', day.start)).toEqual({ calls: 99, ahtSeconds: 240 });
      expect(fold.apply(forecast(fold, 1, 1, 'acme', 'new-q'))).toMatchObject({ code: 'plan.rowsFull', params: { rows: 2_000_001 } });
      expect(fold.apply(forecast(fold, 1, 48, 'other', 'q'))).toEqual({ intervals: 48 });
      expect(fold.plan.rowCount('acme')).toBe(2_000_000);
    });
  });
});

describe('how far ahead a plan may reach', () => {
  it('takes a day 400 days after today and names a day 401 days after it', () => {
    // 2026-11-20 + 365 days = 2027-11-20; + 35 = 2027-12-25.
    expect(tooFarAhead('2027-12-25', D)).toBeNull();
    expect(tooFarAhead('2027-12-26', D)).toEqual({
      refused: '2027-12-26 is 401 days after today (2026-11-20); a plan reaches at most 400 days ahead',
      code: 'plan.tooFarAhead',
      params: { date: '2027-12-26', days: 401, today: '2026-11-20', limit: 400 },
    });
  });
});
