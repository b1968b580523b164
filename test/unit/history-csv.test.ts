import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { ImportError } from '../../server/ingest/plan-import.ts';
import { parseHistoryCsv } from '../../server/history/csv-import.ts';

const clock = new IntervalClock('Asia/Taipei', 30);

function problems(csv: string): string[] {
  try {
    parseHistoryCsv(csv, 'acme', clock);
  } catch (e) {
    if (e instanceof ImportError) return e.problems;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('history CSV import', () => {
  it('reads the minimum columns: every call answered and handled, talk = AHT x calls', () => {
    const rows = parseHistoryCsv('interval_start,queue_id,calls,aht_seconds\n2026-11-02T09:00:00+08:00,billing,12,250\n', 'acme', clock);
    expect(rows).toHaveLength(1);
    // 12 calls x 250 s = 3000 s of talk; nothing abandoned.
    expect(rows[0]).toMatchObject({ tenant: 'acme', queueId: 'billing', intervalStart: Date.parse('2026-11-02T01:00:00Z'), offered: 12, answered: 12, handled: 12, abandoned: 0, talkSeconds: 3000, intervalMinutes: 30 });
  });

  it('reads the optional columns, ASA becoming total wait of the answered calls', () => {
    const csv = [
      'interval_start,queue_id,calls,answered,abandoned,short_abandoned,answered_in_sl,aht_seconds,asa_seconds,max_wait_seconds',
      '2026-11-02T09:30:00+08:00,billing,20,17,3,1,14,300,12.5,95',
      '2026-11-02T09:30:00+08:00,tech,5,5,0,0,5,400,3,7',
    ].join('\n');
    const [billing, tech] = parseHistoryCsv(csv, 'acme', clock);
    // 17 answered x 12.5 s ASA = 212.5 s of waiting; 17 handled x 300 s = 5100 s.
    expect(billing).toMatchObject({ offered: 20, answered: 17, abandoned: 3, shortAbandoned: 1, answeredInSL: 14, waitSecondsAnswered: 212.5, talkSeconds: 5100, handled: 17, maxWaitSeconds: 95 });
    expect(tech.queueId).toBe('tech');
  });

  it('reads staffed agents next to the in-threshold count, and refuses them without it', () => {
    const head = 'interval_start,queue_id,calls,answered,answered_in_sl,aht_seconds,staffed_agents';
    const [row] = parseHistoryCsv(`${head}\n2026-11-02T09:30:00+08:00,billing,20,20,16,300,6.5\n`, 'acme', clock);
    expect(row).toMatchObject({ answeredInSL: 16, staffedAgents: 6.5 });
    // No staffing column: not known (null), not zero agents.
    expect(parseHistoryCsv('interval_start,queue_id,calls,aht_seconds\n2026-11-02T09:00:00+08:00,billing,12,250\n', 'acme', clock)[0].staffedAgents).toBeNull();
    expect(problems('interval_start,queue_id,calls,aht_seconds,staffed_agents\n2026-11-02T09:30:00+08:00,billing,20,300,6.5\n')).toEqual([
      'line 2: staffed_agents: needs answered_in_sl in the same row (the outlook compares the service level with the staff)',
    ]);
  });

  it('names a missing required column in the header', () => {
    expect(problems('interval_start,queue_id,calls\n2026-11-02T09:00:00+08:00,billing,12\n')).toEqual([
      'line 1: missing column(s) aht_seconds; the minimum is interval_start,queue_id,calls,aht_seconds',
    ]);
  });

  it('refuses the whole file and names every bad row by line and column', () => {
    const csv = [
      'interval_start,queue_id,calls,answered,aht_seconds',
      '2026-11-02T09:00:00+08:00,billing,12,10,250', // good
      '2026-11-02T09:10:00+08:00,billing,12,10,250', // not an interval start
      '2026-11-02T09:30:00+08:00,billing,-1,0,250', // negative calls
      '2026-11-02T10:00:00+08:00,billing,5,6,250', // more answered than calls
      'yesterday at nine o clock in the morning local time,billing,5,5,250', // no ISO time
      '2026-11-02T09:00:00+08:00,billing,3,3,abc', // same interval twice, and AHT not a number
    ].join('\n');
    const p = problems(csv);
    expect(p).toHaveLength(5);
    expect(p[0]).toBe('line 3: interval_start: "2026-11-02T09:10:00+08:00" does not start a 30-minute interval in Asia/Taipei');
    expect(p[1]).toBe('line 4: calls: must be 0 or more');
    expect(p[2]).toBe('line 5: calls: 5 is less than answered + abandoned + flowed_out (6)');
    expect(p[3]).toMatch(/^line 6: interval_start: must be ISO-8601 with an offset/);
    expect(p[4]).toBe('line 7: aht_seconds: must be a number');
  });

  it('says that a UTC offset past -14:00..+14:00 is the problem, not the interval', () => {
    // Before: 'interval_start: "2026-11-02T09:00:00+25:00" does not start a 30-minute interval in Asia/Taipei'.
    expect(problems('interval_start,queue_id,calls,aht_seconds\n2026-11-02T09:00:00+25:00,billing,12,250\n')).toEqual([
      'line 2: interval_start: "2026-11-02T09:00:00+25:00" has the UTC offset +25:00: an offset is from -14:00 to +14:00',
    ]);
  });

  it('reports a repeated interval with the line it repeats, quoting a long queue id by its prefix only', () => {
    const long = 'q'.repeat(200);
    const csv = `interval_start,queue_id,calls,aht_seconds\n2026-11-02T09:00:00+08:00,${long},1,100\n2026-11-02T09:00:00+08:00,${long},2,100\n`;
    const [p] = problems(csv);
    expect(p).toBe(`line 3: interval_start: "2026-11-02T09:00:00+08:00" for queue "${'q'.repeat(40)}…" already given at line 2`);
  });

  it('refuses unknown columns by name rather than ignoring them', () => {
    const p = problems('interval_start,queue_id,calls,aht_seconds,aht\n2026-11-02T09:00:00+08:00,billing,1,100,100\n');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^line 1: unknown column\(s\) "aht"; known: interval_start, queue_id, calls, aht_seconds, answered,/);
  });

  describe('rows of another interval length (interval_minutes)', () => {
    const quarter = new IntervalClock('Asia/Taipei', 15);
    const problemsAt = (csv: string, c: IntervalClock): string[] => {
      try {
        parseHistoryCsv(csv, 'acme', c);
      } catch (e) {
        if (e instanceof ImportError) return e.problems;
        throw e;
      }
      return [];
    };

    it('keeps half-hour rows as half-hours in a quarter-hour centre, and quarter-hours in a half-hour one', () => {
      const half = 'interval_start,queue_id,calls,aht_seconds,interval_minutes\n2026-11-02T09:00:00+08:00,billing,12,250,30\n2026-11-02T09:30:00+08:00,billing,8,250,30\n';
      expect(parseHistoryCsv(half, 'acme', quarter).map((r) => r.intervalMinutes)).toEqual([30, 30]);
      // 09:15 starts a quarter-hour; before, a half-hour centre refused it.
      const quarters = 'interval_start,queue_id,calls,aht_seconds,interval_minutes\n2026-11-02T09:00:00+08:00,billing,5,250,15\n2026-11-02T09:15:00+08:00,billing,7,250,15\n';
      expect(parseHistoryCsv(quarters, 'acme', clock).map((r) => [r.intervalStart - Date.parse('2026-11-02T09:00:00+08:00'), r.intervalMinutes, r.offered])).toEqual([[0, 15, 5], [900_000, 15, 7]]);
    });

    it('refuses a row that does not start an interval of its own length, a length that does not divide an hour, and rows that overlap', () => {
      const csv = [
        'interval_start,queue_id,calls,aht_seconds,interval_minutes',
        '2026-11-02T09:15:00+08:00,billing,1,100,30',
        '2026-11-02T10:00:00+08:00,billing,1,100,7',
        '2026-11-02T11:00:00+08:00,billing,1,100,30',
        '2026-11-02T11:15:00+08:00,billing,1,100,15',
      ].join('\n');
      expect(problemsAt(csv, quarter)).toEqual(['line 2: interval_start: "2026-11-02T09:15:00+08:00" does not start a 30-minute interval in Asia/Taipei', 'line 3: interval_minutes: must be a length in minutes that divides an hour (5, 6, 10, 12, 15, 20, 30, 60)']);
      const overlapping = csv.split('\n').filter((_, i) => i === 0 || i >= 3).join('\n');
      expect(problemsAt(overlapping, quarter)).toEqual(['line 3: interval_start: inside the 30-minute interval of queue "billing" at line 2']);
    });

    it('without the column, refuses four rows that all start on the half-hour in a quarter-hour centre (and on the hour in a half-hour one)', () => {
      const onTheHalf = ['interval_start,queue_id,calls,aht_seconds', ...['09:00', '09:30', '10:00', '10:30'].map((t) => `2026-11-02T${t}:00+08:00,billing,10,200`)].join('\n');
      expect(problemsAt(onTheHalf, quarter)).toEqual([
        "interval_minutes: every row starts on the 30-minute grid, and the centre's intervals are 15 minutes; add a column interval_minutes with the rows' length (30 or 60 for another system's longer intervals, 15 if they are the centre's own)",
      ]);
      // The same file with the column says what it is; quarter-hours with quarter past are the centre's own; three rows are too few to tell.
      expect(problemsAt(onTheHalf.replace('aht_seconds', 'aht_seconds,interval_minutes').replace(/200$/gm, '200,30'), quarter)).toEqual([]);
      expect(problemsAt(onTheHalf.replace('09:30', '09:15'), quarter)).toEqual([]);
      expect(problemsAt(onTheHalf.split('\n').slice(0, 4).join('\n'), quarter)).toEqual([]);
      expect(problemsAt(onTheHalf, clock)).toEqual([]);
      const onTheHour = ['interval_start,queue_id,calls,aht_seconds', ...['09:00', '10:00', '11:00', '12:00'].map((t) => `2026-11-02T${t}:00+08:00,billing,10,200`)].join('\n');
      // Hourly rows in a half-hour centre: one choice of longer length to name, not "60 or 60".
      expect(problemsAt(onTheHour, clock)[0]).toBe(
        "interval_minutes: every row starts on the 60-minute grid, and the centre's intervals are 30 minutes; add a column interval_minutes with the rows' length (60 for another system's longer intervals, 30 if they are the centre's own)",
      );
    });
  });

  it('refuses counts that are not whole numbers (actuals are counted calls)', () => {
    expect(problems('interval_start,queue_id,calls,aht_seconds\n2026-11-02T09:00:00+08:00,billing,2.5,100\n')).toEqual(['line 2: calls: must be a whole number']);
  });
});
