/**
 * A forecast or schedule file named in the config may hold days older than the retention
 * (retentionDays, 3 by default: on 2026-11-20 the oldest day kept is 2026-11-18). Before, such a
 * day was taken at start, with nothing said, and dropped at the first day turn; the API refuses
 * it (409 plan.dayForgotten). Now those days are left out, one warning per file naming them and
 * the oldest day kept, and the file's other days load; the start goes on. Days more than 400
 * days ahead, which an upload is refused (409 plan.tooFarAhead), are left out and named the same way.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { createFloor } from '../../server/floor/create-floor.ts';
import { forgottenDaysText } from '../../server/ingest/plan-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'floorboard-plan-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('plan files with days before the retention', () => {
  it('loads the days kept, and names in one warning per file the days left out and the oldest day kept', async () => {
    const forecasts = join(dir, 'forecast.csv');
    const schedules = join(dir, 'schedule.csv');
    writeFileSync(
      forecasts,
      'interval_start,queue_id,calls,aht_seconds\n' +
        '2026-11-17T14:00:00+08:00,q1,40,180\n2026-11-16T09:00:00+08:00,q2,30,200\n2026-11-18T00:00:00+08:00,q1,20,180\n2026-11-20T14:00:00+08:00,q1,100,180\n' +
        // 2027-12-25 is 400 days after 2026-11-20, the last day a plan reaches; 2027-12-26 is one past.
        '2027-12-25T10:00:00+08:00,q1,7,180\n2027-12-26T10:00:00+08:00,q1,8,180\n',
    );
    writeFileSync(schedules, 'agent_id,start,end,activity\na1,2026-11-17T09:00:00+08:00,2026-11-17T12:00:00+08:00,phone\na1,2026-11-18T09:00:00+08:00,2026-11-18T12:00:00+08:00,phone\na1,2028-01-03T09:00:00+08:00,2028-01-03T12:00:00+08:00,phone\n');
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const data = join(dir, 'data');
    const config = loadConfig({ SIMULATOR: 'off', LOG_LEVEL: 'silent', TIMEZONE: 'Asia/Taipei', DATA_DIR: data, DIRECTORY_FILE: 'none', FSYNC_INTERVAL_MS: '2', FORECAST_FILES: forecasts, SCHEDULE_FILES: schedules }, '/nonexistent');
    const runtime = await createFloor({ config, logger: pino({ level: 'info' }, sink), wallClock: () => at('2026-11-20T13:10:00') });
    await runtime.start();
    try {
      const warned = lines.filter((l) => l.code === 'plan.dayForgotten').map(({ level, file, dates, oldest, retentionDays, msg }) => ({ level, file, dates, oldest, retentionDays, msg }));
      expect(warned).toEqual([
        {
          level: 40,
          file: forecasts,
          dates: ['2026-11-16', '2026-11-17'],
          oldest: '2026-11-18',
          retentionDays: 3,
          msg: `plan file ${forecasts}: 2026-11-16, 2026-11-17 are before 2026-11-18, the oldest day the floor keeps (retentionDays 3): not loaded`,
        },
        { level: 40, file: schedules, dates: ['2026-11-17'], oldest: '2026-11-18', retentionDays: 3, msg: `plan file ${schedules}: 2026-11-17 is before 2026-11-18, the oldest day the floor keeps (retentionDays 3): not loaded` },
      ]);
      const far = lines.filter((l) => l.code === 'plan.tooFarAhead').map(({ level, file, dates, today, limit, msg }) => ({ level, file, dates, today, limit, msg }));
      expect(far).toEqual([
        { level: 40, file: forecasts, dates: ['2027-12-26'], today: '2026-11-20', limit: 400, msg: `plan file ${forecasts}: 2027-12-26 is more than 400 days after today (2026-11-20), as far as a plan reaches: not loaded` },
        { level: 40, file: schedules, dates: ['2028-01-03'], today: '2026-11-20', limit: 400, msg: `plan file ${schedules}: 2028-01-03 is more than 400 days after today (2026-11-20), as far as a plan reaches: not loaded` },
      ]);
      const { plan } = runtime;
      expect([plan.forecast('default', 'q1', at('2027-12-25T10:00:00'))?.calls, plan.forecast('default', 'q1', at('2027-12-26T10:00:00'))]).toEqual([7, undefined]);
      expect(plan.segments('default', 'a1', at('2028-01-03T00:00:00'), at('2028-01-04T00:00:00'))).toEqual([]);
      // The oldest day kept starts at its midnight: its first interval is in.
      expect([plan.forecast('default', 'q1', at('2026-11-18T00:00:00'))?.calls, plan.forecast('default', 'q1', at('2026-11-20T14:00:00'))?.calls]).toEqual([20, 100]);
      expect([plan.forecast('default', 'q1', at('2026-11-17T14:00:00')), plan.forecast('default', 'q2', at('2026-11-16T09:00:00'))]).toEqual([undefined, undefined]);
      expect(plan.segments('default', 'a1', at('2026-11-17T00:00:00'), at('2026-11-18T00:00:00'))).toEqual([]);
      expect(plan.segments('default', 'a1', at('2026-11-18T00:00:00'), at('2026-11-19T00:00:00')).map((s) => [s.start, s.end])).toEqual([[at('2026-11-18T09:00:00'), at('2026-11-18T12:00:00')]]);
    } finally {
      await runtime.stop();
    }
  });

  it('names five days of a long list and counts the rest', () => {
    const dates = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];
    expect(forgottenDaysText('f.csv', dates, '2026-11-18', 3)).toBe(
      'plan file f.csv: 2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05 and 2 more days are before 2026-11-18, the oldest day the floor keeps (retentionDays 3): not loaded',
    );
  });
});
