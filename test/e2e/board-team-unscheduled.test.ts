/**
 * The wallboard's Team picker on a floor that imports no schedules: live adherence counts no team
 * (it counts scheduled agents), so the picker offers the teams the configuration names. acme names
 * t1 "Team Taipei" and t2 "Team Kaohsiung"; a1 and a2 are of t1, a3 of t2; nobody is scheduled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

describe.runIf(run)("the wallboard's team picker without schedules", { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'fb-board-teams-'));

  beforeAll(async () => {
    const config = join(dir, 'floorboard.config.json');
    writeFileSync(config, JSON.stringify({ tenants: [{ id: 'acme', name: 'Acme Bank' }], teams: [{ id: 't1', tenant: 'acme', name: 'Team Taipei' }, { id: 't2', tenant: 'acme', name: 'Team Kaohsiung' }] }));
    server = await startServer({ FLOORBOARD_CONFIG: config });
    const logins = [['a1', 'Ana', 't1'], ['a2', 'Bo', 't1'], ['a3', 'Cy', 't2']].map(([agentId, name, teamId]) => ev('agent.login', '09:00:00', { tenant: 'acme', agentId, name, teamId, queues: ['q1'], state: 'available' }));
    expect((await server.post('/api/v1/events', ndjson(logins))).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the named teams and narrows the board to one', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(`${server.base}/?lang=en#/`);
      const names = () => page.locator('[data-testid=agent-board] tr[data-agent] td.name').allInnerTexts();
      await expect.poll(names).toHaveLength(3);
      const filter = page.locator('[data-testid=team-filter]');
      expect(await filter.locator('option').allInnerTexts()).toEqual(['All teams', 'Team Kaohsiung', 'Team Taipei']);
      await filter.selectOption({ label: 'Team Taipei' });
      await expect.poll(async () => (await names()).sort()).toEqual(['Ana', 'Bo']);
    } finally {
      await page.close();
    }
  });
});
