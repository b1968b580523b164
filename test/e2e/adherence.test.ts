import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AdherenceReport } from '../../server/protocol/adherence.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { taipei } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { SHIFT } from '../helpers/shift.ts';

const run = browserAvailable();

describe.runIf(run)('adherence with the simulator, in headless Chromium', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let lateBack: string[];

  beforeAll(async () => {
    // The simulated floor at 16:00 Taipei, its day played up to then (seed 42, deterministic).
    server = await startServer({ SIMULATOR: 'on' }, Date.parse('2026-11-20T16:00:00+08:00'));
    // The page shows the day 50 agents at a time (by name): those of its first page.
    const report = (await server.get('/api/v1/adherence?limit=50')).body as AdherenceReport;
    lateBack = report.agents.filter((a) => a.exceptions.some((e) => e.scheduled.startsWith('phone') && /aux:(break|lunch|training)/.test(e.actual) && e.seconds > 180)).map((a) => a.agentId);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(`${server.base}/#/adherence`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds agents the simulator made late back from a break', () => {
    expect(lateBack.length).toBeGreaterThanOrEqual(2);
  });

  it('draws their exceptions on the timeline, with adherence beside each name', async () => {
    await page.locator('[data-testid=adherence-timeline]').waitFor();
    for (const agentId of lateBack) {
      const row = page.locator(`[data-testid=adherence-row][data-agent="${agentId}"]`);
      expect(await row.locator('[data-testid=adherence-exception]').count()).toBeGreaterThanOrEqual(1);
      // Adherence and conformance with the same one decimal (the team figures have it for both).
      expect(await row.textContent()).toMatch(/adh \d+\.\d% · conf \d+\.\d%/);
    }
    await page.screenshot({ path: '/tmp/floorboard-adherence.png', fullPage: true });
  });

  it('shows the adherence tile on the wallboard', async () => {
    await page.goto(`${server.base}/#/`);
    const tile = page.locator('[data-testid=adherence-tile]');
    await tile.waitFor();
    expect(await tile.textContent()).toMatch(/Team Taipei\s*\d+\.\d%/);
    expect(Number(await tile.locator('[data-testid=out-of-adherence]').textContent())).toBeGreaterThanOrEqual(0);
  });
});

describe.runIf(run)('team names, as configured, on every page that shows them', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    // n1 of team 'Team North' (capitals as configured) and x1 of no team, both scheduled A's shift and logged in at 09:00; now 10:00.
    server = await startServer({}, taipei('10:00:00'));
    const segments = ['n1', 'x1'].flatMap((agentId) => SHIFT.map(([from, to, activity]) => ({ agentId, start: `2026-11-20T${from}:00+08:00`, end: `2026-11-20T${to}:00+08:00`, activity })));
    const put = await fetch(`${server.base}/api/v1/schedules/2026-11-20`, { method: 'PUT', body: JSON.stringify(segments), headers: { 'content-type': 'application/json' } });
    expect(put.status).toBe(200);
    const logins = [
      { id: 'l1', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', agentId: 'n1', name: 'Nan', teamId: 'Team North', queues: ['q1'], state: 'available' },
      { id: 'l2', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', agentId: 'x1', name: 'Xia', queues: ['q1'], state: 'available' },
    ];
    expect((await (await server.post('/api/v1/events', ndjson(logins))).json()).accepted).toBe(2);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // The agents of no team come after the teams, which sort by name. innerText is what the eye reads (CSS case applied).
  for (const [lang, noTeam] of [['en', '(no team)'], ['zh-TW', '（無團隊）']]) {
    it(`reads 'Team North' on the wallboard's tile and the adherence page alike, and words the agents of no team, in ${lang}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(`${server.base}/?lang=${lang}#/`);
      const names = page.locator('[data-testid=adherence-tile] [data-testid=team-name]');
      await expect.poll(() => names.allInnerTexts()).toEqual(['Team North', noTeam]);
      await page.goto(`${server.base}/?lang=${lang}#/adherence`);
      const figures = page.locator('[data-testid=team-figures] strong');
      await expect.poll(() => figures.allInnerTexts()).toEqual(['Team North', noTeam]);
      // The team filter offers the configured teams only (its first option is every team).
      expect((await page.locator('[data-testid=adherence-team] option').allInnerTexts()).slice(1)).toEqual(['Team North']);
      await page.close();
    });
  }
});

describe.runIf(run)('an agent user on the adherence page', { timeout: 60_000 }, () => {
  const ADMIN = 'admin-token-0123456789';
  const PW = 'correct horse battery';
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    // a1 (team t1) scheduled A's shift and on the phone since 09:00; now 09:31. ag1 is its agent user, who sees only a1 and no team row.
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` };
    const segments = SHIFT.map(([from, to, activity]) => ({ tenant: 'acme', agentId: 'a1', start: `2026-11-20T${from}:00+08:00`, end: `2026-11-20T${to}:00+08:00`, activity }));
    expect((await fetch(`${server.base}/api/v1/schedules/2026-11-20?tenant=acme`, { method: 'PUT', body: JSON.stringify(segments), headers: auth })).status).toBe(200);
    const login = { id: 'l1', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', tenant: 'acme', agentId: 'a1', name: 'Ana Lin', teamId: 't1', queues: ['q1'], state: 'available' };
    expect((await (await server.post('/api/v1/events', ndjson([login]), ADMIN)).json()).accepted).toBe(1);
    const user = { name: 'ag1', role: 'agent', tenants: ['acme'], agentId: 'a1', password: PW };
    expect((await fetch(`${server.base}/api/v1/users`, { method: 'POST', body: JSON.stringify(user), headers: auth })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reads that everyone scheduled is in, not that nobody is scheduled', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.base}/`);
    await page.fill('input[name=name]', 'ag1');
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=who]').waitFor();
    await page.goto(`${server.base}/#/adherence`);
    const panel = page.locator('section.panel').first();
    await expect.poll(() => panel.innerText()).toContain('Everyone scheduled is doing what the schedule says');
    expect(await panel.innerText()).not.toContain('Nobody to check');
    await page.close();
  });
});

describe.runIf(run)('a team chosen on the adherence page, on a floor of more exceptions than are listed', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  const P = Array.from({ length: 101 }, (_, i) => `p${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    // Now 09:31, everyone scheduled A's shift (phone from 09:00) and logged in at 09:00. t1's 101 agents went on a break at
    // 09:10 (1,260 s out), t2's w1 and w2 at 09:25 (360 s out): the 100 longest exceptions listed are all t1's.
    server = await startServer();
    const agents = [...P.map((id) => [id, 't1', '09:10:00']), ['w1', 't2', '09:25:00'], ['w2', 't2', '09:25:00']];
    const segments = agents.flatMap(([agentId]) => SHIFT.map(([from, to, activity]) => ({ agentId, start: `2026-11-20T${from}:00+08:00`, end: `2026-11-20T${to}:00+08:00`, activity })));
    expect((await fetch(`${server.base}/api/v1/schedules/2026-11-20`, { method: 'PUT', body: JSON.stringify(segments), headers: { 'content-type': 'application/json' } })).status).toBe(200);
    const events = agents.flatMap(([agentId, teamId, out]) => [
      { id: `l-${agentId}`, type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', agentId, teamId, queues: ['q1'], state: 'available' },
      { id: `b-${agentId}`, type: 'agent.state', ts: `2026-11-20T${out}+08:00`, agentId, state: 'aux', reason: 'break' },
    ]);
    expect((await (await server.post('/api/v1/events', ndjson(events))).json()).accepted).toBe(206);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.base}/#/adherence`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists and counts the team's own exceptions, which are not among the floor's 100 longest", async () => {
    const count = page.locator('[data-testid=exception-count]');
    await expect.poll(() => count.textContent()).toBe('(103)');
    const t2 = await page.locator('[data-testid=adherence-team] option').evaluateAll((os) => os.find((o) => o.textContent === 't2')?.getAttribute('value'));
    await page.selectOption('[data-testid=adherence-team]', t2!);
    await expect.poll(() => count.textContent()).toBe('(2)');
    const rows = page.locator('[data-testid=adherence-exceptions] tbody tr');
    await expect.poll(() => rows.locator('td.name').allInnerTexts()).toEqual(['w1', 'w2']);
    // Both teams are still offered, and every team again counts every exception.
    expect(await page.locator('[data-testid=adherence-team] option').allInnerTexts()).toHaveLength(3);
    await page.selectOption('[data-testid=adherence-team]', '');
    await expect.poll(() => count.textContent()).toBe('(103)');
  });

  it("names the pager's buttons for screen readers, in English and Chinese", async () => {
    // 103 agents, 50 a page: the pager shows.
    for (const [lang, prev, next] of [
      ['en', 'Previous page of agents', 'Next page of agents'],
      ['zh-TW', '客服人員上一頁', '客服人員下一頁'],
    ]) {
      await page.goto(`${server.base}/?lang=${lang}#/adherence`);
      await page.locator('[data-testid=adherence-pager]').waitFor();
      expect(await page.getByRole('button', { name: prev }).getAttribute('data-testid', { timeout: 5000 })).toBe('adherence-prev');
      expect(await page.getByRole('button', { name: next }).getAttribute('data-testid', { timeout: 5000 })).toBe('adherence-next');
    }
  });

  it('pages forward to the short last page and back one page from it', async () => {
    await page.goto(`${server.base}/#/adherence`);
    const pager = page.locator('[data-testid=adherence-pager] span');
    await expect.poll(() => pager.textContent()).toBe('Agents 1–50 of 103');
    await page.click('[data-testid=adherence-next]');
    await expect.poll(() => pager.textContent()).toBe('Agents 51–100 of 103');
    await page.click('[data-testid=adherence-next]');
    await expect.poll(() => pager.textContent()).toBe('Agents 101–103 of 103');
    expect(await page.locator('[data-testid=adherence-next]').isDisabled()).toBe(true);
    await page.click('[data-testid=adherence-prev]');
    await expect.poll(() => pager.textContent()).toBe('Agents 51–100 of 103');
  });
});
