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

/**
 * Three clients, as on the simulated floor, each with a named team "t1" of one agent scheduled
 * SHIFT; jade's team has a name longer than any tile. Now is 10:00: each agent went on break at
 * 09:50, out of adherence 10 minutes, so the tile lists three lines of exceptions too.
 */
describe.runIf(run)("the adherence tile's lines on a wall of three clients, in headless Chromium", { timeout: 90_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const LONG = 'Cards, Loans and Mortgage Servicing Team North';

  beforeAll(async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'floorboard-three-clients-')), 'floorboard.json');
    const tenants = [{ id: 'acme', name: 'Acme Telecom' }, { id: 'formosa', name: 'Formosa Air' }, { id: 'jade', name: 'Jade Bank' }];
    const teams = [{ id: 't1', tenant: 'acme', name: 'Team Taipei' }, { id: 't1', tenant: 'formosa', name: 'Team Kaohsiung' }, { id: 't1', tenant: 'jade', name: LONG }];
    writeFileSync(config, JSON.stringify({ tenants, teams }));
    server = await startServer({ FLOORBOARD_CONFIG: config }, taipei('10:00:00'));
    const at = (t: string) => `2026-11-20T${t}+08:00`;
    const events = tenants.flatMap(({ id: tenant }, i) => [
      { id: 'in', tenant, type: 'agent.login', ts: at('09:00:00'), agentId: 'a1', name: ['Chang Hsiu-ying', 'Hsu Cheng-en', 'Huang Jia-hao'][i], teamId: 't1', queues: ['care'], state: 'available' },
      { id: 'aux', tenant, type: 'agent.state', ts: at('09:50:00'), agentId: 'a1', state: 'aux', reason: 'break' },
    ]);
    for (const { id: tenant } of tenants) {
      const segments = SHIFT.map(([from, to, activity]) => ({ agentId: 'a1', start: at(`${from}:00`), end: at(`${to}:00`), activity }));
      expect((await fetch(`${server.base}/api/v1/schedules/2026-11-20?tenant=${tenant}`, { method: 'PUT', body: JSON.stringify(segments), headers: { 'content-type': 'application/json' } })).status).toBe(200);
    }
    expect((await (await server.post('/api/v1/events', ndjson(events))).json()).accepted).toBe(6);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'zh-TW']) {
    it(`keeps each team and exception on one line at 1366 and 1920 px, a name too long for the tile cut with an ellipsis and whole in its title (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      try {
        await page.goto(`${server.base}/?lang=${lang}#/`);
        const tile = page.locator('[data-testid=adherence-tile]');
        await expect.poll(() => tile.locator('[data-testid=team-name]').count()).toBe(3);
        await expect.poll(() => tile.locator('li').count()).toBe(3);
        for (const width of [1366, 1920]) {
          await page.setViewportSize({ width, height: 900 });
          /** Each line's text: how many line boxes it takes, whether it is cut short, and its title. */
          const lines = await tile.locator('[data-testid=team-name], li, .label').evaluateAll((els) =>
            els.map((el) => {
              // The rows its words stand on (the line's coloured dot left out: it is no text).
              const tops = new Set<number>();
              const words = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              for (let n = words.nextNode(); n; n = words.nextNode()) {
                const range = document.createRange();
                range.selectNodeContents(n);
                for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
              }
              const rows = tops.size;
              return { text: el.textContent!.trim(), rows, cut: el.scrollWidth > el.clientWidth, title: el.getAttribute('title') };
            }),
          );
          for (const l of lines) expect(l.rows, `"${l.text}" at ${width} px`).toBe(1);
          const teams = lines.slice(1, 4);
          expect(teams.map((l) => l.text)).toEqual(['Acme Telecom · Team Taipei', `Jade Bank · ${LONG}`, 'Formosa Air · Team Kaohsiung'].sort(new Intl.Collator(lang, { numeric: true }).compare));
          // Only the long name is cut, and every team's whole name is in its title.
          for (const l of teams) {
            expect(l.cut, `"${l.text}" cut at ${width} px`).toBe(l.text.includes(LONG));
            expect(l.title).toBe(l.text);
          }
          // The exceptions, cut or not, say whole in their titles who is out and how.
          for (const l of lines.slice(4)) expect(l.title).toBe(l.text);
          if (SCREENS) await tile.screenshot({ path: `${SCREENS}/adherence-tile-three-clients-${lang}-${width}.png` });
        }
      } finally {
        await page.close();
      }
    });
  }
});
