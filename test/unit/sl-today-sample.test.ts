/**
 * "SL today" on the wallboard tile follows the small-sample rule of the interval's service level
 * (MIN_SL_CALLS, server/protocol/sl-sample.ts): neutral, with its calls written under it, until the
 * day counts ten calls. Before, the day's first slow call of one turned the tile red at 0%.
 */
import { describe, expect, it } from 'vitest';
import { smallSlSample } from '../../server/protocol/sl-sample.ts';
import { queueView } from '../../server/views/queue-view.ts';
import { engineWith, ev } from '../helpers/events.ts';
import { lateCall } from '../helpers/late-call.ts';

const login = ev('agent.login', '07:55:00', { agentId: 'a1', state: 'available', queues: ['q1'] });

/** The q1 tile after the given calls (default targets: 80% in 20 s, red under 70%). */
function tile(calls: Record<string, unknown>[]) {
  const engine = engineWith([login, ...calls]);
  return queueView(engine, engine.queue('default', 'q1')!);
}

describe('SL today over a small sample on the wallboard tile', () => {
  // Five slow calls from 08:00 and four from 09:00: 0 of 9 today (0%), nine calls, under MIN_SL_CALLS (10).
  const nine = [...[0, 1, 2, 3, 4].flatMap((i) => lateCall('08', i)), ...[0, 1, 2, 3].flatMap((i) => lateCall('09', i))];

  it('leaves a 9-call day neutral, and writes its nine calls under it', () => {
    const v = tile(nine);
    expect(v.today.serviceLevel).toBe(0);
    expect(v.status.serviceLevelToday).toBe('none');
    expect(smallSlSample(v.today, v.targets.slFormula)).toBe(9);
  });

  it('judges a 10-call day: 0 of 10 is red, with no count under it', () => {
    // The tenth call (09:08, slow too): 0 / 10 = 0%, under the red line at 70%.
    const v = tile([...nine, ...lateCall('09', 4)]);
    expect(v.today.serviceLevel).toBe(0);
    expect(v.status.serviceLevelToday).toBe('red');
    expect(smallSlSample(v.today, v.targets.slFormula)).toBeNull();
    // The 09:00 interval alone counts 5 calls: still neutral, as before.
    expect(v.status.serviceLevelInterval).toBe('none');
  });
});
