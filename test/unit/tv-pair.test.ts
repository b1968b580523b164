import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../client/src/lib/i18n/formatters.ts';
import type { Locale } from '../../client/src/lib/i18n/message.ts';
import { shownPair } from '../../client/src/lib/tv-pair.ts';
import { verdictState } from '../../client/src/lib/tv-verdict-state.ts';
import { verdictHigherBetter, verdictLowerBetter } from '../../server/domain/tv-targets.ts';
import { rng } from '../helpers/rng.ts';

const LOCALES: Locale[] = ['en', 'zh-TW'];

/** The two percentages as the TV writes them. */
function shown(locale: Locale, figure: number, target: number, better: 'higher' | 'lower', digits: number): [string, string] {
  const judge = better === 'higher' ? verdictHigherBetter : verdictLowerBetter;
  const state = verdictState(judge(figure, { value: target, shared: true, amber: target, red: target }));
  const p = shownPair(figure, target, state, better, digits);
  return [formatPercent(locale, p.figure, p.digits), formatPercent(locale, p.target, p.digits)];
}

describe('a TV figure beside its target', () => {
  it('keeps the usual decimals when they already tell a miss from its target, or the figure met it', () => {
    for (const locale of LOCALES) {
      expect(shown(locale, 0.5, 0.8, 'higher', 0)).toEqual(['50%', '80%']);
      // 76.95% meets 76.9%: both read 77%, and "77% ✓ meets 77%" is true.
      expect(shown(locale, 0.7695, 0.769, 'higher', 0)).toEqual(['77%', '77%']);
      // An abandon rate of 6.25% within 7%.
      expect(shown(locale, 1 / 16, 0.07, 'lower', 1)).toEqual(['6.3%', '7.0%']);
    }
  });

  it('shows a miss that would read equal with one more decimal, figure and target alike', () => {
    for (const locale of LOCALES) {
      // 76.6% below 76.9%: at whole percents "77% ✗ below 77%".
      expect(shown(locale, 0.766, 0.769, 'higher', 0)).toEqual(['76.6%', '76.9%']);
      // 7 of 10 against (0.71 × 4 + 0.70 × 6) / 10 = 70.4%.
      expect(shown(locale, 7 / 10, 0.704, 'higher', 0)).toEqual(['70.0%', '70.4%']);
      // 11 abandons of 219 calls = 5.0228% above 5%: at one decimal "5.0% ✗ above 5.0%".
      expect(shown(locale, 11 / 219, 0.05, 'lower', 1)).toEqual(['5.02%', '5.00%']);
    }
  });

  it('rounds each away from the other when one more decimal still reads equal', () => {
    for (const locale of LOCALES) {
      // 76.90% below 76.91%: 76.9% and 76.9% at one decimal; the figure down, the target up.
      expect(shown(locale, 0.769, 0.7691, 'higher', 0)).toEqual(['76.9%', '77.0%']);
      // 76.94% below 76.96%: 76.9% and 77.0% at one decimal already.
      expect(shown(locale, 0.7694, 0.7696, 'higher', 0)).toEqual(['76.9%', '77.0%']);
      // 5.004% above 5%: 5.00% and 5.00% at two decimals; the figure up, the target down.
      expect(shown(locale, 0.05004, 0.05, 'lower', 1)).toEqual(['5.01%', '5.00%']);
    }
  });

  it('shows no figure as a dash with the target at the usual decimals', () => {
    expect(shownPair(null, 0.8, 'none', 'higher', 0)).toEqual({ figure: null, target: 0.8, digits: 0 });
  });

  it('never writes a figure and its target equal beside a ✗, nor on the wrong side of it beside a ✓ (random pairs)', () => {
    const random = rng(20261120);
    const bad: string[] = [];
    for (let n = 0; n < 10_000; n++) {
      // A figure of whole calls, and a call-weighted target of two queues' targets, as the server makes them.
      const calls = 1 + Math.floor(random() * 2000);
      const figure = Math.floor(random() * (calls + 1)) / calls;
      const [ta, tb] = [Math.round(random() * 100) / 100, Math.round(random() * 100) / 100];
      const wa = Math.floor(random() * calls);
      const target = Math.round(((ta * wa + tb * (calls - wa)) / calls) * 1e9) / 1e9;
      for (const better of ['higher', 'lower'] as const) {
        const judge = better === 'higher' ? verdictHigherBetter : verdictLowerBetter;
        const state = verdictState(judge(figure, { value: target, shared: false, amber: target, red: target }));
        for (const locale of LOCALES) {
          const [f, t] = shown(locale, figure, target, better, better === 'higher' ? 0 : 1);
          const [fv, tv] = [parseFloat(f), parseFloat(t)];
          const reads = state === 'missed' ? (better === 'higher' ? fv < tv : fv > tv) : better === 'higher' ? fv >= tv : fv <= tv;
          if (!reads) bad.push(`${figure} vs ${target} (${better}, ${state}, ${locale}): ${f} / ${t}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
