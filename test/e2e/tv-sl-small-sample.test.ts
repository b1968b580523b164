/**
 * A service level over a handful of calls on the executive TV: no verdict (8762dec), and, as on
 * the wallboard tile, its calls written with it, so a white "0%" reads as one call from across
 * the room. The line fits the screen in English and Chinese at 1920x1080 and 1366x768.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { lateCall } from '../helpers/late-call.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;
const ADMIN = 'admin-token-0123456789';
const tokens = JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]);

describe.runIf(run)('a service level over a handful of calls on the TV', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'fb-tv-few-'));

  /** A page on a new display of `tenant` in `lang`, its figures on screen. */
  async function tv(tenant: string, lang: 'en' | 'zh-TW', w = 1920, h = 1080): Promise<Page> {
    const res = await fetch(server.base + '/api/v1/displays', { method: 'POST', body: JSON.stringify({ name: `TV ${tenant} ${lang}`, tenants: [tenant], lang }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto((await res.json()).url);
    await page.locator('[data-testid=tv-sl-today]').waitFor();
    return page;
  }
  /** The big figure, the line under it, and the count alone ('' without one): today's or this interval's. */
  async function figure(page: Page, which: 'today' | 'interval') {
    const few = page.locator(`[data-testid=tv-sl-${which}-few]`);
    return {
      value: await page.locator(`[data-testid=tv-sl-${which}]`).textContent(),
      state: await page.locator(`[data-testid=tv-sl-${which}]`).getAttribute('data-state'),
      line: await page.locator(`[data-testid=tv-sl-${which}-verdict]`).locator('..').textContent(),
      few: (await few.count()) ? await few.textContent() : '',
    };
  }

  beforeAll(async () => {
    // bank: cards (target 90%) and loans (80%), one call each, both answered within 20 s: 2 / 2 = 100%
    // against the call-weighted target (0.9 + 0.8) / 2 = 85%, the longest line ("2 calls · call-weighted target 85%").
    const config = join(dir, 'floorboard.config.json');
    writeFileSync(config, JSON.stringify({ queues: [{ id: 'cards', tenant: 'bank', slTarget: 0.9 }, { id: 'loans', tenant: 'bank', slTarget: 0.8 }] }));
    // The wall clock inside the 09:00-09:30 interval the calls fall in.
    server = await startServer({ FLOORBOARD_TOKENS: tokens, FLOORBOARD_CONFIG: config }, Date.parse('2026-11-20T09:20:00+08:00'));
    const bank = [
      ev('agent.login', '08:55:00', { agentId: 'b1', state: 'available', queues: ['cards', 'loans'] }),
      ev('call.queued', '09:01:00', { callId: 'k1', queueId: 'cards' }),
      ev('call.answered', '09:01:05', { callId: 'k1', queueId: 'cards', agentId: 'b1' }),
      ev('call.ended', '09:02:00', { callId: 'k1', agentId: 'b1' }),
      ev('call.wrapped', '09:02:05', { callId: 'k1', agentId: 'b1' }),
      ev('call.queued', '09:03:00', { callId: 'k2', queueId: 'loans' }),
      ev('call.answered', '09:03:05', { callId: 'k2', queueId: 'loans', agentId: 'b1' }),
    ].map((e) => ({ ...e, tenant: 'bank' }));
    // default: q1's first call, answered after 30 s: 0 / 1 = 0%, today and this interval.
    const first = [ev('agent.login', '08:55:00', { agentId: 'a1', state: 'available', queues: ['q1'] }), ...lateCall('09', 0)];
    expect((await server.post('/api/v1/events', ndjson([...first, ...bank]), ADMIN)).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one slow call of one as a white "0%" over "1 call · target 80%", today and this interval, in English and Chinese', async () => {
    for (const [lang, line] of [
      ['en', '1 call · target 80%'],
      ['zh-TW', '1 通 · 目標 80%'],
    ] as const) {
      const page = await tv('default', lang);
      for (const which of ['today', 'interval'] as const) {
        await expect.poll(async () => (await figure(page, which)).few).toBe(lang === 'en' ? '1 call' : '1 通');
        expect(await figure(page, which)).toEqual({ value: '0%', state: 'none', line, few: lang === 'en' ? '1 call' : '1 通' });
      }
      await page.close();
    }
  });

  it('counts up to nine calls, and from the tenth writes the verdict alone', async () => {
    const page = await tv('default', 'en');
    await server.post('/api/v1/events', ndjson(Array.from({ length: 8 }, (_, i) => lateCall('09', i + 1)).flat()), ADMIN);
    for (const which of ['today', 'interval'] as const) {
      await expect.poll(async () => (await figure(page, which)).few).toBe('9 calls');
      expect((await figure(page, which)).line).toBe('9 calls · target 80%');
    }
    // The tenth slow call: 0 / 10 = 0%, judged: red, missed, no count.
    await server.post('/api/v1/events', ndjson(lateCall('09', 9)), ADMIN);
    for (const which of ['today', 'interval'] as const) {
      await expect.poll(async () => (await figure(page, which)).state).toBe('missed');
      expect(await figure(page, which)).toEqual({ value: '0%', state: 'missed', line: '✗ below target 80%', few: '' });
    }
    await page.close();
  });

  it('writes the calls beside a client\'s unjudged service level today in the whole floor\'s list', async () => {
    // bank's two calls: 2 / 2 = 100%, unjudged.
    const res = await fetch(server.base + '/api/v1/displays', { method: 'POST', body: JSON.stringify({ name: 'Floor', tenants: ['default', 'bank'], rotationSeconds: 5, lang: 'en' }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto((await res.json()).url);
    const kpis = page.locator('[data-testid=tv-kpis]');
    await expect.poll(() => kpis.getAttribute('data-tenant'), { timeout: 16_000, interval: 200 }).toBe('*');
    expect(await page.locator('[data-testid=tv-floor-client]', { hasText: 'bank' }).textContent()).toBe('bank 100% · 2 calls');
    if (SCREENS) await page.screenshot({ path: `${SCREENS}/tv-sl-few-floor-1920x1080-en.png` });
    await page.close();
  }, 30_000);

  for (const [w, h] of [
    [1920, 1080],
    [1366, 768],
  ]) {
    for (const lang of ['en', 'zh-TW'] as const) {
      it(`keeps the longest line ("2 calls · call-weighted target 85%") on one line inside its column (${w}x${h}, ${lang})`, async () => {
        const page = await tv('bank', lang, w, h);
        await expect.poll(async () => (await figure(page, 'today')).few).toBe(lang === 'en' ? '2 calls' : '2 通');
        await page.waitForTimeout(300);
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/tv-sl-few-${w}x${h}-${lang}.png` });
        const boxes = await page.locator('[data-testid=tv-sl-today-verdict]').locator('..').evaluate((sub) => {
          const cell = sub.closest('.kpi')!.getBoundingClientRect();
          // The words' own box (the line's box is the column's width).
          const range = document.createRange();
          range.selectNodeContents(sub);
          const line = range.getBoundingClientRect();
          return { cellRight: cell.right, right: line.right, height: line.height, font: parseFloat(getComputedStyle(sub).fontSize) };
        });
        // One line of type (at most 1.5 times its size high), and inside the figure's column.
        expect(boxes.height, JSON.stringify(boxes)).toBeLessThanOrEqual(boxes.font * 1.5);
        expect(boxes.right, JSON.stringify(boxes)).toBeLessThanOrEqual(boxes.cellRight);
        // Nothing spills off the screen.
        expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.close();
      });
    }
  }
});
