import { describe, expect, it } from 'vitest';
import { queueRowsOnce } from '../../server/history/queue-rows-once.ts';
import type { QueueIntervalRollup } from '../../server/history/types.ts';

const at = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00+08:00`);
function row(start: string, minutes: number, offered: number, dispositions: Record<string, number>): QueueIntervalRollup {
  return {
    tenant: 'acme', queueId: 'q', intervalStart: at(start), intervalMinutes: minutes, offered, answered: offered, abandoned: 0, shortAbandoned: 0, flowedOut: 0,
    answeredInSL: offered, abandonedInSL: 0, handled: offered, waitSecondsAnswered: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, maxWaitSeconds: 0, dispositions,
  };
}

describe('queueRowsOnce', () => {
  it('leaves out the rows inside a longer row and gives it their call reasons, once each', () => {
    // An hour imported at 08:00 (40 calls) over quarter-hours: 08:00 was replaced, 08:15 and 08:30
    // are left inside it; 09:00 is a half-hour of its own.
    const rows = [row('09:00', 30, 5, { billing: 1 }), row('08:30', 15, 8, { refund: 2 }), row('08:00', 60, 40, { billing: 2 }), row('08:15', 15, 9, { billing: 1, refund: 1 })];
    const once = queueRowsOnce(rows, 30);
    // Calls: 40 + 5 (not 62). Reasons: billing 2 + 1, refund 1 + 2 in the hour.
    expect(once.map((r) => [r.intervalStart, r.intervalMinutes, r.offered, r.dispositions])).toEqual([
      [at('08:00'), 60, 40, { billing: 3, refund: 3 }],
      [at('09:00'), 30, 5, { billing: 1 }],
    ]);
    // The rows read are not changed.
    expect(rows[2].dispositions).toEqual({ billing: 2 });
  });

  it('gives back a day without overlaps as it was, sorted', () => {
    const rows = [row('08:15', 15, 2, { billing: 1 }), row('08:00', 15, 1, {})];
    expect(queueRowsOnce(rows, 15)).toEqual([rows[1], rows[0]]);
  });
});
