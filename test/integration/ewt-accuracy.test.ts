import { describe, expect, it } from 'vitest';
import { EWT_DEFAULTS } from '../../server/domain/ewt.ts';
import { mae, measureEwt, overall } from '../../tools/ewt-measure.ts';

// One simulated day through the engine, as `npm run ewt-accuracy` plays it: the chosen method
// must beat both naive predictors overall, on a seed other than the one it was tuned on.
describe('EWT accuracy on a simulated day', () => {
  const scores = measureEwt({ days: 1, seed: 11, timezone: 'Asia/Taipei', date: '2026-11-18' });
  const all = overall(scores);
  const chosen = EWT_DEFAULTS.method;

  it('scores every simulated queue on its answered calls', () => {
    expect(scores.map((s) => s.queue)).toEqual([
      'acme-telecom/acme-billing',
      'acme-telecom/acme-tech',
      'formosa-air/fair-baggage',
      'formosa-air/fair-reservations',
      'jade-bank/jade-cards',
      'jade-bank/jade-loans',
    ]);
    for (const s of scores) expect(s.answered).toBeGreaterThan(50);
  });

  it('beats the mean of the last 10 answered waits and the ASA so far today', () => {
    expect(mae(all, chosen)).toBeLessThan(mae(all, 'last-10-answered'));
    expect(mae(all, chosen)).toBeLessThan(mae(all, 'asa-today'));
  });

  it('beats both on most queues', () => {
    const wins = scores.filter((s) => mae(s, chosen) < Math.min(mae(s, 'last-10-answered'), mae(s, 'asa-today')));
    expect(wins.length).toBeGreaterThanOrEqual(4);
  });
});
