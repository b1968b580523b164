/**
 * Numbers in plan and history imports. They were read with `z.coerce.number`, which is
 * `Number(x)`: probing a live server, a forecast row with `calls` null, "", " " or [] was
 * stored as 0 calls, [7] as 7, true as 1, "0x10" as 16 and "0b11" as 3, each answered 200; an
 * empty CSV cell wiped that interval's forecast to 0 calls. A history CSV's empty optional cell
 * was 0 too, so an empty `answered` made every call of the row unanswered instead of the
 * column's documented default (answered = calls). Now a number is a JSON number or decimal text
 * (spaces around allowed), anything else "must be a number"; an empty optional history cell is
 * as if the column were not there.
 */
import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { parseHistoryCsv } from '../../server/history/csv-import.ts';
import { parseForecast } from '../../server/ingest/plan-import.ts';

const clock = new IntervalClock('Asia/Taipei', 30);
const day = clock.dayOfDate('2026-11-20')!;
const START = '2026-11-20T09:00:00+08:00';

function forecastJson(calls: unknown, ahtSeconds: unknown = 180) {
  return () => parseForecast(JSON.stringify([{ intervalStart: START, calls, ahtSeconds }]), 'application/json', 'q1', day, clock);
}
const forecastCsv = (calls: string, aht = '180') => () => parseForecast(`interval_start,queue_id,calls,aht_seconds\n${START},q1,${calls},${aht}\n`, 'text/csv', 'q1', day, clock);

describe('numbers in a forecast import', () => {
  it('refuses null, empty or blank text, arrays, booleans, objects, hex and binary in JSON', () => {
    for (const v of [null, '', ' ', [], [7], true, false, {}, '0x10', '0b11', '0o7', 'Infinity', '1,5']) {
      expect(forecastJson(v), JSON.stringify(v)).toThrow('row 0: calls: must be a number');
      expect(forecastJson(5, v), JSON.stringify(v)).toThrow('row 0: ahtSeconds: must be a number');
    }
  });

  it('refuses an empty cell and hex in CSV', () => {
    expect(forecastCsv('')).toThrow('line 2: calls: must be a number');
    expect(forecastCsv('0x10')).toThrow('line 2: calls: must be a number');
    expect(forecastCsv('5', '')).toThrow('line 2: ahtSeconds: must be a number');
  });

  it('still reads numbers and decimal text, with spaces around, fractions and exponents', () => {
    const at = Date.parse(START);
    expect(forecastJson(12.5)().get(at)).toEqual({ calls: 12.5, ahtSeconds: 180 });
    expect(forecastJson('12.5', ' 200 ')().get(at)).toEqual({ calls: 12.5, ahtSeconds: 200 });
    expect(forecastCsv(' 5 ', '1e2')().get(at)).toEqual({ calls: 5, ahtSeconds: 100 });
    expect(forecastCsv('.5', '180.')().get(at)).toEqual({ calls: 0.5, ahtSeconds: 180 });
  });
});

describe('numbers in a history CSV', () => {
  const head = 'interval_start,queue_id,calls,aht_seconds,answered,staffed_agents';
  it('refuses an empty or hex required cell', () => {
    expect(() => parseHistoryCsv(`${head}\n${START},billing,,100,,\n`, 'acme', clock)).toThrow('line 2: calls: must be a number');
    expect(() => parseHistoryCsv(`${head}\n${START},billing,0x10,100,,\n`, 'acme', clock)).toThrow('line 2: calls: must be a number');
  });

  it('reads an empty optional cell as the column left out: answered = calls, staffed agents unknown', () => {
    const [row] = parseHistoryCsv(`${head}\n${START},billing,12,100,,\n`, 'acme', clock);
    expect(row.answered).toBe(12);
    expect(row.handled).toBe(12);
    expect(row.staffedAgents).toBeNull();
  });
});
