import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AdherenceReport } from '../../server/protocol/adherence.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { taipei } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { SHIFT } from '../helpers/shift.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;

/**
 * Two clients whose ids are alike, as ids scoped by tenant may be: each has an agent "a1" in a
 * team "t1", scheduled SHIFT (phone from 09:00); now is 10:00, one hour scheduled so far.
 * - Acme Bank's a1 (Amy) logs in at 09:05 and goes on break at 09:56, in phone time:
 *   300 s + 240 s of exceptions, adherence 1 − 540 / 3,600 = 85.0%; out 4 min now (a warning).
 * - Beta Air's a1 (Bo) logs in on time and goes on break at 09:50: 600 s, 1 − 600 / 3,600 =
 *   83.3%; out 10 min now, past the 5 min severe threshold (an alert).
 */
describe.runIf(run)('two clients with the same team and agent ids, in headless Chromium', { timeout: 90_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  /** Uncaught errors in the pages, such as a keyed list's duplicate key. */
  const errors: string[] = [];

  beforeAll(async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'floorboard-two-clients-')), 'floorboard.json');
    writeFileSync(config, JSON.stringify({ tenants: [{ id: 'acme', name: 'Acme Bank' }, { id: 'beta', name: 'Beta Air' }] }));
    server = await startServer({ FLOORBOARD_CONFIG: config }, taipei('10:00:00'));
    for (const tenant of ['acme', 'beta']) {
      const segments = SHIFT.map(([from, to, activity]) => ({ agentId: 'a1', start: `2026-11-20T${from}:00+08:00`, end: `2026-11-20T${to}:00+08:00`, activity }));
      const put = await fetch(`${server.base}/api/v1/schedules/2026-11-20?tenant=${tenant}`, { method: 'PUT', body: JSON.stringify(segments), headers: { 'content-type': 'application/json' } });
      expect(put.status).toBe(200);
    }
    const at = (t: string) => `2026-11-20T${t}+08:00`;
    const events = [
      { id: 'e1', tenant: 'acme', type: 'agent.login', ts: at('09:05:00'), agentId: 'a1', name: 'Amy', teamId: 't1', queues: ['care'], state: 'available' },
      { id: 'e2', tenant: 'acme', type: 'agent.state', ts: at('09:56:00'), agentId: 'a1', state: 'aux', reason: 'break' },
      { id: 'e1', tenant: 'beta', type: 'agent.login', ts: at('09:00:00'), agentId: 'a1', name: 'Bo', teamId: 't1', queues: ['care'], state: 'available' },
      { id: 'e2', tenant: 'beta', type: 'agent.state', ts: at('09:50:00'), agentId: 'a1', state: 'aux', reason: 'break' },
    ];
    expect((await (await server.post('/api/v1/events', ndjson(events))).json()).accepted).toBe(4);
    const report = (await server.get('/api/v1/adherence')).body as AdherenceReport;
    expect(report.now).toBe(taipei('10:00:00'));
    browser = await launchChromium();
    if (SCREENS) mkdirSync(SCREENS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(lang: string, hash: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => errors.push(`${hash}: ${e.message}`));
    await page.goto(`${server.base}/?lang=${lang}${hash}`);
    return page;
  }

  for (const lang of ['en', 'zh-TW']) {
    it(`shows each client's team "t1" on the wallboard's tile, named with its client, in ${lang}`, async () => {
      const page = await open(lang, '#/');
      const tile = page.locator('[data-testid=adherence-tile]');
      await expect.poll(() => tile.locator('[data-testid=team-name]').allInnerTexts()).toEqual(['Acme Bank · t1', 'Beta Air · t1']);
      expect(await tile.locator('.team-value').allInnerTexts()).toEqual(['85.0%', '83.3%']);
      expect(await tile.locator('[data-testid=out-of-adherence]').innerText()).toBe('2');
      // Longest first across both clients: Bo (10 min) before Amy (4 min).
      expect((await tile.locator('li').allInnerTexts()).map((l) => l.split(/[:：]/)[0])).toEqual(['Bo', 'Amy']);
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/wallboard-two-clients-${lang}-1366.png` });
      // Both clients have a queue "care": the pickers name each one's client.
      expect((await page.locator('[data-testid=queue-filter] option').allInnerTexts()).slice(1)).toEqual(['Acme Bank · care', 'Beta Air · care']);
      expect(await page.locator('[data-testid=chart-queue] option').allInnerTexts()).toEqual(['Acme Bank · care', 'Beta Air · care']);
      // One client chosen: its team and queue need no client's name.
      await page.locator('[data-testid=tenant-filter]').selectOption('beta');
      await expect.poll(() => tile.locator('[data-testid=team-name]').allInnerTexts()).toEqual(['t1']);
      expect((await page.locator('[data-testid=queue-filter] option').allInnerTexts()).slice(1)).toEqual(['care']);
      await page.close();
      expect(errors).toEqual([]);
    });
  }

  for (const [hash, picker] of [['#/intraday', 'intraday-queue'], ['#/plan', 'plan-queue']]) {
    it(`names each client's queue "care" in the ${hash} picker`, async () => {
      const page = await open('zh-TW', hash);
      await expect.poll(() => page.locator(`[data-testid=${picker}] option`).allInnerTexts()).toEqual(['Acme Bank · care', 'Beta Air · care']);
      await page.close();
      expect(errors).toEqual([]);
    });
  }

  it("lists both clients' agents a1 and teams t1 on the adherence page, and filters one client's team", async () => {
    const page = await open('en', '#/adherence');
    const exceptions = page.locator('[data-testid=adherence-exceptions] tbody tr');
    await expect.poll(() => exceptions.locator('.name').allInnerTexts()).toEqual(['Bo', 'Amy']);
    await expect.poll(() => page.locator('[data-testid=adherence-row]').count()).toBe(2);
    const figures = page.locator('[data-testid=team-figures]');
    await expect.poll(() => figures.locator('strong').allInnerTexts()).toEqual(['Acme Bank · t1', 'Beta Air · t1']);
    expect((await figures.allInnerTexts()).map((f) => /adherence (\S+)/.exec(f)?.[1])).toEqual(['85.0%', '83.3%']);
    const options = page.locator('[data-testid=adherence-team] option');
    expect((await options.allInnerTexts()).slice(1)).toEqual(['Acme Bank · t1', 'Beta Air · t1']);
    // Beta Air's t1 only: its agent, not Acme Bank's agent of the same id and team id.
    await page.locator('[data-testid=adherence-team]').selectOption({ label: 'Beta Air · t1' });
    await expect.poll(() => exceptions.locator('.name').allInnerTexts()).toEqual(['Bo']);
    await expect.poll(() => figures.locator('strong').allInnerTexts()).toEqual(['Beta Air · t1']);
    await expect.poll(() => page.locator('[data-testid=adherence-row] .name').allTextContents()).toEqual(['Bo']);
    await page.close();
    expect(errors).toEqual([]);
  });
});
