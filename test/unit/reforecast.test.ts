import { describe, expect, it } from 'vitest';
import { reforecastFactors, type Observed } from '../../server/domain/reforecast.ts';

const at = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00+08:00`);

/**
 * The worked example of docs/metrics.md: at 12:00 with a 2-hour window, the four intervals
 * ending 10:30-12:00 count; the one ending at 10:00 (a storm, 3x forecast) is outside.
 */
const observed: Observed[] = [
  { end: at('10:00'), forecastCalls: 100, forecastAhtSeconds: 300, actualCalls: 300, handled: 290, handleSeconds: 290 * 500 },
  { end: at('10:30'), forecastCalls: 100, forecastAhtSeconds: 300, actualCalls: 110, handled: 100, handleSeconds: 100 * 330 },
  { end: at('11:00'), forecastCalls: 100, forecastAhtSeconds: 300, actualCalls: 118, handled: 110, handleSeconds: 110 * 320 },
  { end: at('11:30'), forecastCalls: 120, forecastAhtSeconds: 300, actualCalls: 140, handled: 130, handleSeconds: 130 * 315 },
  { end: at('12:00'), forecastCalls: 120, forecastAhtSeconds: 300, actualCalls: 136, handled: 130, handleSeconds: 130 * 310 },
];
const params = { windowMinutes: 120, minIntervals: 2, volumeCredibilityCalls: 100, ahtCredibilityCalls: 100 };

describe('intraday reforecast', () => {
  it('scales volume by the window ratio blended toward 1 by credibility n / (n + K)', () => {
    const f = reforecastFactors(observed, at('12:00'), params);
    expect(f.intervalsUsed).toBe(4);
    expect(f.volumeRatio).toBeCloseTo(504 / 440, 12);
    expect(f.volumeCredibility).toBeCloseTo(504 / 604, 12);
    expect(f.volume).toBeCloseTo(1 + (504 / 604) * (504 / 440 - 1), 12); // 1.12137...
    expect(f.volume).toBeCloseTo(1.121373, 6);
  });

  it('scales AHT by actual handle time over handled x forecast AHT, blended the same way', () => {
    const f = reforecastFactors(observed, at('12:00'), params);
    expect(f.ahtRatio).toBeCloseTo(149_450 / 141_000, 12);
    expect(f.ahtCredibility).toBeCloseTo(470 / 570, 12);
    expect(f.aht).toBeCloseTo(1.049415, 6);
  });

  it('changes nothing with fewer completed intervals than the minimum', () => {
    const f = reforecastFactors(observed.slice(0, 2), at('10:10'), params);
    expect(f).toMatchObject({ volume: 1, aht: 1, intervalsUsed: 1, volumeRatio: null });
  });

  it('trusts a small sample little', () => {
    const few: Observed[] = [
      { end: at('10:30'), forecastCalls: 4, forecastAhtSeconds: 300, actualCalls: 8, handled: 8, handleSeconds: 8 * 300 },
      { end: at('11:00'), forecastCalls: 4, forecastAhtSeconds: 300, actualCalls: 8, handled: 8, handleSeconds: 8 * 300 },
    ];
    const f = reforecastFactors(few, at('11:00'), params);
    expect(f.volumeRatio).toBe(2);
    expect(f.volume).toBeCloseTo(1 + (16 / 116) * 1, 12); // doubling seen in 16 calls moves it 14%
  });
});
