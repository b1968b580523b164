import { describe, expect, it } from 'vitest';
import { shiftBy, shiftDate } from '../../client/src/lib/day-step.ts';

describe('shiftDate (the day picker\'s steps)', () => {
  it('steps across month, year and leap-day ends', () => {
    expect(shiftDate('2026-11-20', 1)).toBe('2026-11-21');
    expect(shiftDate('2026-12-01', -1)).toBe('2026-11-30');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDate('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('keeps whole days over a daylight-saving change (New York falls back on 2026-11-01)', () => {
    expect(shiftDate('2026-11-01', 1)).toBe('2026-11-02');
    expect(shiftDate('2026-11-02', -1)).toBe('2026-11-01');
  });

  it('gives null for what is not YYYY-MM-DD', () => {
    expect(shiftDate('', 1)).toBeNull();
    expect(shiftDate('20/11/2026', 1)).toBeNull();
  });
});

describe('shiftBy (a report\'s week or month steps)', () => {
  it('steps a week as seven days, across a month end', () => {
    expect(shiftBy('2026-11-27', 1, 'week')).toBe('2026-12-04');
    expect(shiftBy('2026-12-04', -1, 'week')).toBe('2026-11-27');
  });

  it('steps a month to the same day, or the month\'s last day when it has none', () => {
    expect(shiftBy('2026-11-20', 1, 'month')).toBe('2026-12-20');
    expect(shiftBy('2026-12-20', 1, 'month')).toBe('2027-01-20');
    expect(shiftBy('2026-01-31', 1, 'month')).toBe('2026-02-28');
    expect(shiftBy('2028-01-31', 1, 'month')).toBe('2028-02-29');
    expect(shiftBy('2026-03-31', -1, 'month')).toBe('2026-02-28');
    expect(shiftBy('2026-01-15', -1, 'month')).toBe('2025-12-15');
  });

  it('steps a day as shiftDate does, and gives null for what is not a date', () => {
    expect(shiftBy('2026-12-31', 1, 'day')).toBe('2027-01-01');
    expect(shiftBy('nope', 1, 'month')).toBeNull();
  });
});
