/**
 * The simulator (on by default) publishes its forecast and rota at every start: after a kill -9
 * and a restart, a plan someone imported for one of its queues and agents must still be the one
 * the floor holds, while the simulator's plan still fills the queue-days and agent-days nobody
 * imported.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-sim-plan-'));
const procs: ServerProcess[] = [];
afterAll(async () => {
  for (const p of procs) await p.kill9().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

/** Today in Taipei, the test servers' time zone; the simulator runs at speed 1 on the real clock. */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const env = { DATA_DIR: dataDir, SIMULATOR: 'on', SNAPSHOT_INTERVAL_SECONDS: '1' };
const TENANT = 'acme-telecom';

/** Forecast and schedule entries (packed or not) in the file store's log. */
function planEntries(): { forecasts: number; schedules: number } {
  const dir = join(dataDir, 'log');
  let forecasts = 0;
  let schedules = 0;
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), 'utf8');
    forecasts += text.split('"k":"forecast"').length - 1;
    schedules += text.split('"k":"schedule').length - 1;
  }
  return { forecasts, schedules };
}

async function until(what: string, ok: () => boolean | Promise<boolean>, seconds = 60): Promise<void> {
  for (let i = 0; !(await ok()); i++) {
    if (i > seconds * 4) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const getJson = async (base: string, path: string) => (await fetch(base + path)).json();
const forecastOf = async (base: string, queueId: string) => (await getJson(base, `/api/v1/forecasts/${queueId}/${TODAY}?tenant=${TENANT}`)).intervals as { intervalStart: string; calls: number; ahtSeconds: number }[];
const segmentsOf = async (base: string, agentId: string) => (await getJson(base, `/api/v1/schedules/${TODAY}?tenant=${TENANT}&agentId=${agentId}`)).segments as { start: string; end: string; activity: string }[];

describe('the simulator publishing its plan at start', () => {
  it('leaves an imported forecast and schedule as imported across a kill -9 and restart, and fills the rest', async () => {
    const first = await startServerProcess(env);
    procs.push(first);
    // The simulator's plan is published once its first batch is in: wait until the log's plan entries stop growing.
    let published = { forecasts: 0, schedules: 0 };
    await until('the simulator publishes its plan', () => {
      const now = planEntries();
      const settled = now.forecasts > 0 && now.schedules > 0 && now.forecasts === published.forecasts && now.schedules === published.schedules;
      published = now;
      return settled;
    });
    // Its plan differs from the one imported below, or the test could not tell them apart.
    expect((await forecastOf(first.base, 'acme-billing')).length).toBe(48);
    expect((await segmentsOf(first.base, 'acme-001')).length).toBeGreaterThan(1);

    const forecast = `interval_start,queue_id,calls,aht_seconds\n${TODAY}T09:00:00+08:00,acme-billing,7,300\n${TODAY}T09:30:00+08:00,acme-billing,11,300\n`;
    const put = (path: string, body: string, type: string) => fetch(first.base + path, { method: 'PUT', body, headers: { 'content-type': type } });
    expect((await put(`/api/v1/forecasts/acme-billing/${TODAY}?tenant=${TENANT}`, forecast, 'text/csv')).status).toBe(200);
    const schedule = [{ agentId: 'acme-001', start: `${TODAY}T10:00:00+08:00`, end: `${TODAY}T14:00:00+08:00`, activity: 'phone' }];
    expect((await put(`/api/v1/schedules/${TODAY}?tenant=${TENANT}`, JSON.stringify(schedule), 'application/json')).status).toBe(200);
    const imported = { forecast: await forecastOf(first.base, 'acme-billing'), segments: await segmentsOf(first.base, 'acme-001') };
    expect(imported.forecast.map((r) => [r.calls, r.ahtSeconds])).toEqual([
      [7, 300],
      [11, 300],
    ]);
    expect(imported.segments).toEqual([{ tenant: TENANT, agentId: 'acme-001', start: `${TODAY}T10:00:00+08:00`, end: `${TODAY}T14:00:00+08:00`, activity: 'phone' }]);
    const otherQueue = await forecastOf(first.base, 'acme-tech');
    const otherAgent = await segmentsOf(first.base, 'acme-002');
    await first.kill9();

    const second = await startServerProcess(env);
    procs.push(second);
    // The restart's simulator appends its plan again (the import's two entries are in the log too).
    await until('the restarted simulator publishes its plan', () => {
      const now = planEntries();
      return now.forecasts >= 2 * published.forecasts + 1 && now.schedules >= 2 * published.schedules + 1;
    });
    expect(await forecastOf(second.base, 'acme-billing')).toEqual(imported.forecast);
    expect(await segmentsOf(second.base, 'acme-001')).toEqual(imported.segments);
    // The queue-days and agent-days nobody imported keep the simulator's plan.
    expect(await forecastOf(second.base, 'acme-tech')).toEqual(otherQueue);
    expect(await segmentsOf(second.base, 'acme-002')).toEqual(otherAgent);
    await second.stop();
  }, 180_000);
});
