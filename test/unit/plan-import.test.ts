import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { DEFAULT_ACTIVITIES } from '../../server/domain/plan.ts';
import { MAX_SEGMENTS_PER_AGENT_DAY, parseForecast, parseForecastFile, parseSchedule } from '../../server/ingest/plan-import.ts';

const clock = new IntervalClock('Asia/Taipei', 30);
const day = clock.dayOfDate('2026-11-20')!;

describe('forecast import', () => {
  it('reads CSV rows into interval starts', () => {
    const rows = parseForecast('interval_start,queue_id,calls,aht_seconds\n2026-11-20T09:00:00+08:00,q1,100,180\n2026-11-20T09:30:00+08:00,q1,120.5,200\n', 'text/csv', 'q1', day, clock);
    expect([...rows]).toEqual([
      [Date.parse('2026-11-20T09:00:00+08:00'), { calls: 100, ahtSeconds: 180 }],
      [Date.parse('2026-11-20T09:30:00+08:00'), { calls: 120.5, ahtSeconds: 200 }],
    ]);
  });

  it('reads JSON rows', () => {
    const rows = parseForecast(JSON.stringify([{ intervalStart: '2026-11-20T01:00:00Z', calls: 5, ahtSeconds: 240 }]), 'application/json', 'q1', day, clock);
    expect(rows.get(Date.parse('2026-11-20T09:00:00+08:00'))).toEqual({ calls: 5, ahtSeconds: 240 });
  });

  it('names the line and the problem, and refuses the whole file', () => {
    const csv = [
      'interval_start,queue_id,calls,aht_seconds',
      '2026-11-20T09:00:00+08:00,q1,100,180',
      '2026-11-20T09:10:00+08:00,q1,100,180',
      '2026-11-20T09:30:00+08:00,q2,100,180',
      '2026-11-20T10:00:00+08:00,q1,-3,180',
      '2026-11-21T10:00:00+08:00,q1,3,180',
      '2026-11-20T10:30:00,q1,3,180',
    ].join('\n');
    expect(() => parseForecast(csv, 'text/csv', 'q1', day, clock)).toThrow(
      'line 3: 2026-11-20T09:10:00+08:00 does not start a 30-minute interval; line 4: queue_id "q2" is not "q1"; line 5: calls: must be 0 or more; line 6: 2026-11-21T10:00:00+08:00 is not on 2026-11-20; line 7: intervalStart: must be ISO-8601 with an offset, like 2026-11-20T09:00:00+08:00',
    );
  });

  it('splits a multi-queue, multi-day file by queue and local date', () => {
    const csv = 'interval_start,queue_id,calls,aht_seconds\n2026-11-20T09:00:00+08:00,q1,1,100\n2026-11-21T09:00:00+08:00,q1,2,100\n2026-11-20T09:00:00+08:00,q2,3,100\n';
    const groups = parseForecastFile(csv, clock).map((g) => [g.queueId, g.day.date, g.rows.size]);
    expect(groups).toEqual([
      ['q1', '2026-11-20', 1],
      ['q1', '2026-11-21', 1],
      ['q2', '2026-11-20', 1],
    ]);
  });
});

describe('schedule import', () => {
  it('reads CSV segments', () => {
    const segs = parseSchedule('agent_id,start,end,activity\na1,2026-11-20T09:00:00+08:00,2026-11-20T11:00:00+08:00,phone\na1,2026-11-20T11:00:00+08:00,2026-11-20T11:15:00+08:00,break\n', 'text/csv', day, DEFAULT_ACTIVITIES);
    expect(segs).toEqual([
      { agentId: 'a1', start: Date.parse('2026-11-20T09:00:00+08:00'), end: Date.parse('2026-11-20T11:00:00+08:00'), activity: 'phone', tenant: undefined },
      { agentId: 'a1', start: Date.parse('2026-11-20T11:00:00+08:00'), end: Date.parse('2026-11-20T11:15:00+08:00'), activity: 'break', tenant: undefined },
    ]);
  });

  it('refuses unknown activities, backwards times and overlaps, naming rows', () => {
    const json = JSON.stringify([
      { agentId: 'a1', start: '2026-11-20T09:00:00+08:00', end: '2026-11-20T10:00:00+08:00', activity: 'phone' },
      { agentId: 'a1', start: '2026-11-20T09:30:00+08:00', end: '2026-11-20T10:30:00+08:00', activity: 'phone' },
      { agentId: 'a2', start: '2026-11-20T09:00:00+08:00', end: '2026-11-20T08:00:00+08:00', activity: 'phone' },
      { agentId: 'a3', start: '2026-11-20T09:00:00+08:00', end: '2026-11-20T10:00:00+08:00', activity: 'nap' },
    ]);
    expect(() => parseSchedule(json, 'application/json', day, DEFAULT_ACTIVITIES)).toThrow(
      'row 2: end 2026-11-20T08:00:00+08:00 is not after start 2026-11-20T09:00:00+08:00; row 3: activity "nap" is not one of phone, break, lunch, meeting, training, coaching, offline; row 1: agent "a1"\'s segment overlaps the one at row 0',
    );
  });
});

/** The message `fn` throws, whole. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'nothing thrown';
}

describe('segments an agent may have on a day', () => {
  /** CSV of `n` five-minute segments of `agentId` from 00:00 of the day on (200 of them end at 16:40). */
  const rows = (agentId: string, n: number) =>
    Array.from({ length: n }, (_, k) => `${agentId},${new Date(day.start + k * 300_000).toISOString()},${new Date(day.start + (k + 1) * 300_000).toISOString()},phone`);
  const csv = (...lines: string[][]) => ['agent_id,start,end,activity', ...lines.flat()].join('\n');

  it('takes 200 for each of two agents', () => {
    expect(MAX_SEGMENTS_PER_AGENT_DAY).toBe(200);
    const segs = parseSchedule(csv(rows('a1', 200), rows('a2', 200)), 'text/csv', day, DEFAULT_ACTIVITIES);
    expect(segs).toHaveLength(400);
    expect(segs[199]).toEqual({ agentId: 'a1', start: Date.parse('2026-11-20T16:35:00+08:00'), end: Date.parse('2026-11-20T16:40:00+08:00'), activity: 'phone', tenant: undefined });
  });

  it("refuses the whole import for one agent's 201st, naming the agent, the line of the 201st and the limit", () => {
    // a2's 200 come first: a1's 201st is row 400 of the data, line 402 of the file.
    expect(messageOf(() => parseSchedule(csv(rows('a2', 200), rows('a1', 201)), 'text/csv', day, DEFAULT_ACTIVITIES))).toBe(
      'line 402: agent "a1" has 201 segments on 2026-11-20; at most 200 an agent a day',
    );
  });

  it('quotes at most 40 characters of the agent id', () => {
    const id = 'x'.repeat(150);
    expect(messageOf(() => parseSchedule(JSON.stringify(Array.from({ length: 201 }, (_, k) => ({ agentId: id, start: new Date(day.start + k * 300_000).toISOString(), end: new Date(day.start + (k + 1) * 300_000).toISOString(), activity: 'phone' }))), 'application/json', day, DEFAULT_ACTIVITIES))).toBe(
      `row 200: agent "${'x'.repeat(40)}"… (150 characters) has 201 segments on 2026-11-20; at most 200 an agent a day`,
    );
  });
});

describe('how short a segment may be', () => {
  it('takes a minute and refuses a millisecond less, naming the row', () => {
    const seg = (start: string, end: string) => ({ agentId: 'a1', start, end, activity: 'break' });
    const json = (...segs: object[]) => JSON.stringify(segs);
    expect(parseSchedule(json(seg('2026-11-20T10:00:00+08:00', '2026-11-20T10:01:00+08:00')), 'application/json', day, DEFAULT_ACTIVITIES)).toHaveLength(1);
    expect(messageOf(() => parseSchedule(json(seg('2026-11-20T09:00:00+08:00', '2026-11-20T10:00:00+08:00'), seg('2026-11-20T10:00:00+08:00', '2026-11-20T10:00:59.999+08:00')), 'application/json', day, DEFAULT_ACTIVITIES))).toBe(
      'row 1: 2026-11-20T10:00:00+08:00–2026-11-20T10:00:59.999+08:00 is shorter than 1 minute, the shortest a segment may be',
    );
  });
});
