import { describe, expect, it } from 'vitest';
import { intradayColumns, outlookAbsence } from '../../client/src/lib/intraday-columns.ts';
import type { IntradayRow, OutlookView } from '../../server/protocol/intraday.ts';

/** An open interval with nothing but its start and the fields under test. */
function row(start: string, extra: Partial<IntradayRow> = {}): IntradayRow {
  return {
    start, end: start, closed: false, current: false, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 0, actualAhtSeconds: null, actualServiceLevel: null,
    reforecastCalls: 10, reforecastAhtSeconds: 180, requiredAgents: 3, requiredByForecast: 3, scheduledAgents: 3, whatIfAgents: 0, loggedInAgents: 0, netAgents: 0,
    projectedServiceLevel: 0.8, projectedAsaSeconds: 10, projectedAbandonRate: null, model: 'C', ...extra,
  };
}

const OUTLOOK: OutlookView = { scenarios: 9, level: 0.8, probabilityMeetsTarget: 0.6, dayServiceLevelLow: 0.7, dayServiceLevelHigh: 0.9, dayServiceLevelMedian: 0.82 };

describe('the intraday table columns', () => {
  it("leave out the outlook's band when no row has one (no outlook: not today, no forecast, too little history)", () => {
    const cols = intradayColumns([row('09:00'), row('09:30', { requiredLow: null, requiredHigh: null })]);
    expect(cols).not.toContain('requiredBand');
    expect(cols.length).toBe(16);
  });

  it('show the band right after required staff when some row has one, even one open above (high null)', () => {
    const cols = intradayColumns([row('09:00'), row('09:30', { requiredLow: 4, requiredHigh: null })]);
    expect(cols.length).toBe(17);
    expect(cols.slice(7, 9)).toEqual(['required', 'requiredBand']);
  });
});

describe('why the intraday view has no outlook', () => {
  const today = [row('09:00', { current: true }), row('09:30')];

  it('says nothing when there is one, or when there is no forecast (the page says that already)', () => {
    expect(outlookAbsence({ outlook: OUTLOOK, outlookPending: false, hasForecast: true, rows: today })).toBeNull();
    expect(outlookAbsence({ outlook: null, outlookPending: false, hasForecast: false, rows: today })).toBeNull();
  });

  it('says it is for today only on another day, and otherwise whether it is still coming or needs more history', () => {
    expect(outlookAbsence({ outlook: null, outlookPending: false, hasForecast: true, rows: [row('09:00'), row('09:30')] })).toBe('outlook.todayOnly');
    expect(outlookAbsence({ outlook: null, outlookPending: true, hasForecast: true, rows: today })).toBe('outlook.pending');
    expect(outlookAbsence({ outlook: null, outlookPending: false, hasForecast: true, rows: today })).toBe('outlook.none');
  });

  it("says an interval is beyond the Erlang calculator's limits when that is why, not that history is short", () => {
    expect(outlookAbsence({ outlook: null, outlookPending: false, outlookBeyondLimits: true, hasForecast: true, rows: today })).toBe('outlook.beyondLimits');
  });
});
