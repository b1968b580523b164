import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { dailyActuals, type IntervalActual } from '../../server/domain/forecast/daily-history.ts';

const NY = new IntervalClock('America/New_York', 30);

/** An interval of `offered` calls, all answered and handled in 200 s, `inSl` within threshold, with `staff` agents. */
function row(iso: string, offered: number, inSl: number, staff: number | null | undefined, shortAbandoned = 0): IntervalActual {
  return { intervalStart: Date.parse(iso), offered, handled: offered, talkSeconds: 200 * offered, holdSeconds: 0, acwSeconds: 0, answeredInSL: inSl, answered: offered - shortAbandoned, abandoned: shortAbandoned, shortAbandoned, staffedAgents: staff };
}

describe("a past day's service counts and staffing on the wall-clock grid", () => {
  it('keeps in-threshold calls, the denominator (short abandons out) and staff per slot', () => {
    const [day] = dailyActuals([row('2026-11-02T09:00:00-05:00', 10, 8, 3, 1), row('2026-11-02T09:30:00-05:00', 4, 4, 2.5)], NY);
    // 09:00 is slot 18: answered 9 + abandoned 1 - short 1 = 9 in the denominator.
    expect([day.service!.inSl[18], day.service!.denominator[18], day.service!.staff[18]]).toEqual([8, 9, 3]);
    expect([day.service!.inSl[19], day.service!.denominator[19], day.service!.staff[19]]).toEqual([4, 4, 2.5]);
    expect(day.service!.staff.reduce((a, b) => a + b, 0)).toBe(5.5);
  });

  it('adds up the repeated hour of the autumn day (2026-11-01) in its slots, as the calls are', () => {
    const [day] = dailyActuals([row('2026-11-01T01:00:00-04:00', 5, 5, 2), row('2026-11-01T01:00:00-05:00', 3, 2, 1)], NY);
    // 01:00 EDT and 01:00 EST both land in slot 2.
    expect([day.calls[2], day.service!.inSl[2], day.service!.denominator[2], day.service!.staff[2]]).toEqual([8, 7, 8, 3]);
  });

  it('leaves the service out of a day with any interval whose staffing was not recorded', () => {
    const days = dailyActuals([row('2026-11-02T09:00:00-05:00', 10, 8, 3), row('2026-11-02T09:30:00-05:00', 4, 4, null), row('2026-11-03T09:00:00-05:00', 2, 2, undefined), row('2026-11-04T09:00:00-05:00', 2, 2, 1)], NY);
    expect(days.map((d) => [d.date, d.service !== undefined])).toEqual([['2026-11-02', false], ['2026-11-03', false], ['2026-11-04', true]]);
    // The calls of a day without staffing are still its calls.
    expect(days[0].total).toBe(14);
  });
});
