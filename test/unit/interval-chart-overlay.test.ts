import { describe, expect, it } from 'vitest';
import { intervalChartLayout } from '../../client/src/charts/interval-chart.ts';
import type { QueueStatsRow } from '../../server/protocol/metrics.ts';

const sl = { excludeShortAbandons: null, answeredOnly: null, abandonsInSlMet: null, offeredBased: null };
const row = (start: string, offered: number): QueueStatsRow => ({
  start, end: start, offered, answered: 0, abandoned: 0, shortAbandoned: 0, flowedOut: 0, waiting: 0, answeredInSL: 0, abandonedInSL: 0, handled: 0,
  serviceLevel: null, serviceLevels: sl, asaSeconds: null, ahtSeconds: null, abandonRate: null, maxWaitSeconds: null, waitSecondsAnswered: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0,
});
// Two rows at 09:00 and 09:30: wall-clock slots 18 and 19 of half-hours.
const rows = [row('2026-11-20T09:00:00+08:00', 10), row('2026-11-20T09:30:00+08:00', 20)];
// Plot 0..100 px high (height 100, no margins) and 0..200 px wide.
const box = { width: 200, height: 100, margin: { top: 0, right: 0, bottom: 0, left: 0 } };

describe('the interval chart overlay of past days', () => {
  it('draws last week and the four-week mean at the rows’ wall-clock slots, on the count axis', () => {
    const lastWeek = new Array(48).fill(0);
    lastWeek[18] = 40;
    lastWeek[19] = 30;
    const mean = new Array(48).fill(0);
    mean[18] = 20;
    mean[19] = 40;
    const l = intervalChartLayout(rows, 0.8, box, { intervalMinutes: 30, lastWeek, fourWeekMean: mean });
    // The count axis now reaches 40 (the largest past value), so 40 is the top (y 0), 30 is y 25, 20 is y 50.
    const ys = (path: string) => [...path.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys(l.lastWeekPath)).toEqual([0, 25]);
    expect(ys(l.meanPath)).toEqual([50, 0]);
  });

  it('draws nothing when there is no history', () => {
    const l = intervalChartLayout(rows, 0.8, box, { intervalMinutes: 30, lastWeek: null, fourWeekMean: null });
    expect([l.lastWeekPath, l.meanPath]).toEqual(['', '']);
    expect(intervalChartLayout(rows, 0.8, box).lastWeekPath).toBe('');
  });
});
