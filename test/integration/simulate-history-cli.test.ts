import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteHistoryStore } from '../../server/history/sqlite-store.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'floorboard-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run simulate -- --history ...` as a user would, on a machine whose own zone is UTC. */
async function simulate(args: string[], env: Record<string, string>): Promise<string> {
  const clean = { ...process.env };
  delete clean.TIMEZONE;
  delete clean.INTERVAL_MINUTES;
  delete clean.FLOORBOARD_CONFIG;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', '--history', '1w', '--end', '2026-11-30', ...args], { env: { ...clean, TZ: 'UTC', ...env } });
  return stdout;
}

/** Acme Billing's offered calls by Asia/Taipei local hour (UTC + 8) over the week. */
async function billingByTaipeiHour(file: string): Promise<{ minutes: Set<number>; calls: number[] }> {
  const store = new SqliteHistoryStore(file);
  const rows = await store.queueIntervals('acme-telecom', 'acme-billing', 0, Date.parse('2026-12-01T00:00:00+08:00'));
  await store.close();
  const calls = new Array(24).fill(0);
  for (const r of rows) calls[(new Date(r.intervalStart).getUTCHours() + 8) % 24] += r.offered;
  return { minutes: new Set(rows.map((r) => r.intervalMinutes)), calls };
}

describe('npm run simulate -- --history', () => {
  it("lays the centre's hours in the server's zone and interval length, from its config file", async () => {
    // A server started here reads floorboard.config.json: Asia/Taipei, quarter-hours. Acme Billing
    // opens 08:00-22:00 there; laid in the machine's UTC it would take calls 16:00-06:00 Taipei time.
    const config = join(dir, 'floorboard.config.json');
    writeFileSync(config, JSON.stringify({ timezone: 'Asia/Taipei', intervalMinutes: 15 }));
    const out = await simulate(['--out', join(dir, 'config.sqlite')], { FLOORBOARD_CONFIG: config });
    const { minutes, calls } = await billingByTaipeiHour(join(dir, 'config.sqlite'));
    expect([...minutes]).toEqual([15]);
    expect(calls.slice(0, 8).every((n) => n === 0)).toBe(true);
    expect(calls.slice(22).every((n) => n === 0)).toBe(true);
    expect(calls.slice(8, 22).every((n) => n > 0)).toBe(true);
    expect(out).toContain("queue intervals of 15 minutes, the centre's hours in Asia/Taipei");
  }, 120_000);

  it('takes --timezone and --interval over the environment, and refuses a zone that is not one', async () => {
    const out = await simulate(['--out', join(dir, 'flags.sqlite'), '--timezone', 'Asia/Taipei', '--interval', '30'], { TIMEZONE: 'UTC', INTERVAL_MINUTES: '15' });
    const { minutes, calls } = await billingByTaipeiHour(join(dir, 'flags.sqlite'));
    expect([...minutes]).toEqual([30]);
    expect(calls[3]).toBe(0);
    expect(calls[10]).toBeGreaterThan(0);
    expect(out).toContain("queue intervals of 30 minutes, the centre's hours in Asia/Taipei");
    await expect(simulate(['--out', join(dir, 'bad.sqlite'), '--timezone', 'Asia/Taipie'], {})).rejects.toThrow(/TIMEZONE: is not an IANA time zone/);
  }, 120_000);
});
