import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { DEFAULT_ACTIVITIES } from '../../server/domain/plan.ts';
import { runToEnd } from '../../server/domain/steps.ts';
import { MAX_ROW_CHARS, MAX_SCHEDULE_ROWS, MAX_SEGMENTS_PER_AGENT_DAY, parseForecast, parseForecastFile, parseSchedule, rowsOf, scheduleSteps, TooManyRows } from '../../server/ingest/plan-import.ts';

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

  it('says that a UTC offset past -14:00..+14:00, or a time that is not one, is the problem, not the interval', () => {
    // Before: "+25:00" and "+08:60" parse to NaN and were "does not start a 30-minute interval".
    const csv = [
      'interval_start,queue_id,calls,aht_seconds',
      '2026-11-20T09:00:00+25:00,q1,1,180',
      '2026-11-20T09:00:00-1430,q1,1,180',
      '2026-11-20T09:00:00+08:60,q1,1,180',
      '2026-11-20T25:00:00+08:00,q1,1,180',
    ].join('\n');
    expect(() => parseForecast(csv, 'text/csv', 'q1', day, clock)).toThrow(
      'line 2: intervalStart: "2026-11-20T09:00:00+25:00" has the UTC offset +25:00: an offset is from -14:00 to +14:00; ' +
        'line 3: intervalStart: "2026-11-20T09:00:00-1430" has the UTC offset -1430: an offset is from -14:00 to +14:00; ' +
        'line 4: intervalStart: "2026-11-20T09:00:00+08:60" has the UTC offset +08:60: an offset is from -14:00 to +14:00; ' +
        'line 5: intervalStart: "2026-11-20T25:00:00+08:00" is not a date and time',
    );
  });

  it('takes the offsets at the ends of the range: 09:00+14:00 and 09:00-14:00 are 03:00 and 07:00 the next day in Taipei', () => {
    // 09:00+14:00 is 19:00 UTC the day before, 03:00 in Taipei (+08:00); 2026-11-19T09:00-14:00 is 23:00 UTC, 07:00 on the 20th in Taipei.
    const rows = parseForecast(JSON.stringify([{ intervalStart: '2026-11-20T09:00:00+14:00', calls: 1, ahtSeconds: 60 }, { intervalStart: '2026-11-19T09:00:00-14:00', calls: 2, ahtSeconds: 60 }]), 'application/json', 'q1', day, clock);
    expect([...rows.keys()]).toEqual([Date.parse('2026-11-20T03:00:00+08:00'), Date.parse('2026-11-20T07:00:00+08:00')]);
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

describe('rows an import may have', () => {
  /** CSV of `agents` agents with 200 one-minute segments each from 00:00 (every other minute), `extra` more rows of a last agent. */
  const schedule = (agents: number, extra = 0) => {
    const lines = ['agent_id,start,end,activity'];
    const seg = (id: string, k: number) => `${id},${new Date(day.start + k * 120_000).toISOString()},${new Date(day.start + k * 120_000 + 60_000).toISOString()},phone`;
    for (let a = 0; a < agents; a++) for (let k = 0; k < 200; k++) lines.push(seg(`a${a}`, k));
    for (let k = 0; k < extra; k++) lines.push(seg('last', k));
    return lines.join('\n');
  };

  it('takes a schedule of 200,000 segments and refuses one of 200,001 as too many rows, naming the limit and what to do', () => {
    expect(MAX_SCHEDULE_ROWS).toBe(200_000);
    expect(runToEnd(scheduleSteps(schedule(1000), 'text/csv', day, DEFAULT_ACTIVITIES))).toHaveLength(200_000);
    let thrown: unknown;
    try {
      runToEnd(scheduleSteps(schedule(1000, 1), 'text/csv', day, DEFAULT_ACTIVITIES));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TooManyRows);
    expect((thrown as Error).message).toBe(
      'the body has more than 200,000 rows: a schedule import has at most 200,000 segments; send the day in parts by agents (an import replaces the segments of the agents it names, and no others)',
    );
  }, 60_000);

  it('refuses a JSON array of a million empty rows as too many, not one by one', () => {
    const body = `[${Array.from({ length: 1_000_000 }, () => '{}').join(',')}]`;
    expect(() => runToEnd(scheduleSteps(body, 'application/json', day, DEFAULT_ACTIVITIES))).toThrow(TooManyRows);
  });

  it("refuses a forecast of more rows than its day's intervals (48 of 30 minutes) as too many", () => {
    const rows = (n: number) => ['interval_start,queue_id,calls,aht_seconds', ...Array.from({ length: n }, (_, k) => `${new Date(day.start + (k % 48) * 1_800_000).toISOString()},q1,10,180`)].join('\n');
    expect(parseForecast(rows(48), 'text/csv', 'q1', day, clock).size).toBe(48);
    expect(messageOf(() => parseForecast(rows(49), 'text/csv', 'q1', day, clock))).toBe('the body has more than 48 rows: a forecast of one queue on 2026-11-20 has a row for each of its 48 intervals at most');
  });
});

describe('a JSON body', () => {
  const rows = (body: string) => messageOf(() => rowsOf(body, 'application/json', {}));

  it('names the row that is not JSON, and an empty one', () => {
    expect(rows('[{"a":1},{"a":}]')).toBe(`row 1: not valid JSON (Unexpected token '}', "{"a":}" is not valid JSON)`);
    expect(rows('[{"a":1},]')).toBe('row 1: empty (two commas in a row, or a comma before "]")');
    expect(rows('[1,,2]')).toBe('row 1: empty (two commas in a row, or a comma before "]")');
  });

  it('refuses what is not one array, and reads an empty one', () => {
    expect(rows('{"agentId":"a1"}')).toBe('body must be a JSON array of rows');
    expect(rows('[1,2] [3]')).toBe("body is not valid JSON: more after the array's end");
    expect(rows('[1,2}')).toBe('body is not valid JSON: a "}" where the array should end');
    expect(rows('[1,"2]')).toBe('body is not valid JSON: it ends before the array does');
    expect(rowsOf(' [ ]\n', 'application/json', {}).rows).toEqual([]);
  });

  it(`takes a row of ${MAX_ROW_CHARS} characters and refuses one of ${MAX_ROW_CHARS + 1}, naming it`, () => {
    // A string of n characters is n + 2 with its quotes.
    expect(rowsOf(`[1,${JSON.stringify('x'.repeat(MAX_ROW_CHARS - 2))}]`, 'application/json', {}).rows[1]).toHaveLength(MAX_ROW_CHARS - 2);
    expect(rows(`[1,${JSON.stringify('x'.repeat(MAX_ROW_CHARS - 1))}]`)).toBe('row 1: longer than 4,096 characters, the most a row may have');
  });
});
