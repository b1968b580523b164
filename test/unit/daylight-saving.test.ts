import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import { engineWith } from '../helpers/events.ts';

const NY = 'America/New_York';

describe('intervals on daylight-saving days (America/New_York)', () => {
  it('has 46 half-hours on 2026-03-08, with 01:30 EST followed by 03:00 EDT', () => {
    const clock = new IntervalClock(NY, 30);
    const day = clock.dayOfDate('2026-03-08')!;
    expect(day.starts).toHaveLength(46);
    expect(clock.iso(day.starts[3])).toBe('2026-03-08T01:30:00-05:00');
    expect(clock.iso(day.starts[4])).toBe('2026-03-08T03:00:00-04:00');
    expect(day.end - day.start).toBe(23 * 3600_000);
  });

  it('has 50 half-hours on 2026-11-01, with 01:00 and 01:30 twice', () => {
    const clock = new IntervalClock(NY, 30);
    const day = clock.dayOfDate('2026-11-01')!;
    expect(day.starts).toHaveLength(50);
    expect(day.starts.slice(2, 6).map((s) => clock.iso(s))).toEqual([
      '2026-11-01T01:00:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T01:30:00-05:00',
    ]);
  });

  it('has 96 quarter-hours on an ordinary day and 92 on the spring-forward day', () => {
    expect(new IntervalClock(NY, 15).dayOfDate('2026-03-09')!.starts).toHaveLength(96);
    expect(new IntervalClock(NY, 15).dayOfDate('2026-03-08')!.starts).toHaveLength(92);
  });

  it('puts calls at 01:15 EDT and 01:15 EST on 2026-11-01 in different intervals', () => {
    const engine = engineWith(
      [
        { id: '1', type: 'call.queued', ts: '2026-11-01T01:15:00-04:00', callId: 'x', queueId: 'q' },
        { id: '2', type: 'call.queued', ts: '2026-11-01T01:15:00-05:00', callId: 'y', queueId: 'q' },
        { id: '3', type: 'call.abandoned', ts: '2026-11-01T01:15:30-05:00', callId: 'y', queueId: 'q' },
      ],
      { timezone: NY },
    );
    const rows = queueIntervalRows(engine, engine.queue('default', 'q')!, Date.parse('2026-11-01T12:00:00-05:00'));
    expect(rows).toHaveLength(50);
    expect(rows[2]).toMatchObject({ start: '2026-11-01T01:00:00-04:00', end: '2026-11-01T01:30:00-04:00', offered: 1, waiting: 1 });
    expect(rows[4]).toMatchObject({ start: '2026-11-01T01:00:00-05:00', offered: 1, abandoned: 1, maxWaitSeconds: 30 });
  });

  it('ends the 01:30 EST interval of 2026-03-08 at 03:00 EDT, thirty real minutes later', () => {
    const engine = engineWith([{ id: '1', type: 'call.queued', ts: '2026-03-08T01:45:00-05:00', callId: 'x', queueId: 'q' }], { timezone: NY });
    const rows = queueIntervalRows(engine, engine.queue('default', 'q')!, Date.parse('2026-03-08T12:00:00-04:00'));
    expect(rows[3]).toMatchObject({ start: '2026-03-08T01:30:00-05:00', end: '2026-03-08T03:00:00-04:00', offered: 1 });
  });
});
