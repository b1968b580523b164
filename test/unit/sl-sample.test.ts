import { describe, expect, it } from 'vitest';
import { defaultThresholds, QUEUE_DEFAULTS } from '../../server/domain/queue-config.ts';
import { serviceLevel, type SlCounts } from '../../server/domain/service-level.ts';
import { MIN_SL_CALLS, slStatus, smallSlSample } from '../../server/protocol/sl-sample.ts';

// Default thresholds for an 80% target: amber below 80%, red below 70%.
const band = defaultThresholds(QUEUE_DEFAULTS).serviceLevel;
/** `answered` calls, `inSl` of them within the threshold, and `abandoned` (`short` of them short). */
function row(answered: number, inSl: number, abandoned = 0, short = 0): SlCounts & { serviceLevel: number | null } {
  const c: SlCounts = { offered: answered + abandoned, answered, abandoned, shortAbandoned: short, flowedOut: 0, answeredInSL: inSl, abandonedInSL: 0 };
  return { ...c, serviceLevel: serviceLevel(c, 'excludeShortAbandons') };
}

describe('service level colour on a small sample', () => {
  it('draws the line at ten calls', () => expect(MIN_SL_CALLS).toBe(10));

  it('leaves one slow call of one neutral: 0% is not red', () => {
    expect(row(1, 0).serviceLevel).toBe(0);
    expect(slStatus(row(1, 0), 'excludeShortAbandons', band)).toBe('none');
    expect(smallSlSample(row(1, 0), 'excludeShortAbandons')).toBe(1);
  });

  it('leaves nine calls neutral however bad, and colours the tenth', () => {
    // 0 of 9 in SL: 0%, still neutral. 6 of 10: 60%, under the red line at 70%.
    expect(slStatus(row(9, 0), 'excludeShortAbandons', band)).toBe('none');
    expect(smallSlSample(row(9, 0), 'excludeShortAbandons')).toBe(9);
    expect(slStatus(row(10, 6), 'excludeShortAbandons', band)).toBe('red');
    expect(smallSlSample(row(10, 6), 'excludeShortAbandons')).toBeNull();
    // 15 of 20 = 75%: amber. 8 of 10 = 80%: ok.
    expect(slStatus(row(20, 15), 'excludeShortAbandons', band)).toBe('amber');
    expect(slStatus(row(10, 8), 'excludeShortAbandons', band)).toBe('ok');
  });

  it("counts the calls in the formula's denominator: short abandons are not in the sample", () => {
    // 8 answered (4 in SL) + 3 abandoned, 2 of them short: denominator 8 + 3 − 2 = 9, 4 / 9 = 44%, still neutral.
    expect(slStatus(row(8, 4, 3, 2), 'excludeShortAbandons', band)).toBe('none');
    expect(smallSlSample(row(8, 4, 3, 2), 'excludeShortAbandons')).toBe(9);
    // By abandonsInSlMet every abandon counts: 8 + 3 = 11 calls, judged (4 / 11 = 36%: red).
    const c = row(8, 4, 3, 2);
    expect(slStatus({ ...c, serviceLevel: serviceLevel(c, 'abandonsInSlMet') }, 'abandonsInSlMet', band)).toBe('red');
  });

  it('writes no count before the first call', () => {
    expect(smallSlSample(row(0, 0), 'excludeShortAbandons')).toBeNull();
    expect(slStatus(row(0, 0), 'excludeShortAbandons', band)).toBe('none');
  });
});
