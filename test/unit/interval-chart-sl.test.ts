import { describe, expect, it } from 'vitest';
import { intervalChartLayout } from '../../client/src/charts/interval-chart.ts';
import type { QueueStatsRow } from '../../server/protocol/metrics.ts';

const none = { excludeShortAbandons: null, answeredOnly: null, abandonsInSlMet: null, offeredBased: null };
/** An interval of `answered` calls, `inSl` of them in SL, no abandons: SL = inSl / answered. */
const row = (start: string, answered: number, inSl: number): QueueStatsRow => ({
  start, end: start, offered: answered, answered, abandoned: 0, shortAbandoned: 0, flowedOut: 0, waiting: 0, answeredInSL: inSl, abandonedInSL: 0, handled: answered,
  serviceLevel: answered ? inSl / answered : null, serviceLevels: none, asaSeconds: null, ahtSeconds: null, abandonRate: null, maxWaitSeconds: null, waitSecondsAnswered: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0,
});
// Plot 0..100 px high: SL 80% at y 20, 50% at y 50, 0% at y 100.
const box = { width: 300, height: 100, margin: { top: 0, right: 0, bottom: 0, left: 0 } };

describe('the interval chart service level on a small sample', () => {
  it('joins only intervals of ten calls or more; one slow call of one is a hollow point off the line', () => {
    // 09:00 8 of 10 (80%), 09:30 10 of 20 (50%), 10:00 0 of 1 (0%, the new interval).
    const rows = [row('2026-11-20T09:00:00+08:00', 10, 8), row('2026-11-20T09:30:00+08:00', 20, 10), row('2026-11-20T10:00:00+08:00', 1, 0)];
    const l = intervalChartLayout(rows, 0.8, box, null, 'excludeShortAbandons');
    const ys = [...l.slPath.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys).toEqual([20, 50]);
    expect(l.slPoints.map((p) => [Math.round(p.y), p.few])).toEqual([[20, false], [50, false], [100, true]]);
  });
});
