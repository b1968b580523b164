import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { serverAndBrowser } from '../helpers/browser-suite.ts';
import { oneEmailAnswered } from '../helpers/one-email.ts';
import { ndjson } from '../helpers/server.ts';

const run = browserAvailable();
/** Where the screenshots go (set SCREENS_DIR to keep them; a temporary folder otherwise). */
const SCREENS = process.env.SCREENS_DIR ?? '/tmp/floorboard-deferred';

describe.runIf(run)('email (deferred work) on the wallboard and the intraday view, in headless Chromium', () => {
  // 09:10: yesterday's carried backlog is still being worked, the oldest items past 24 h.
  const suite = serverAndBrowser({ SIMULATOR: 'on' }, Date.parse('2026-11-20T09:10:00+08:00'));
  beforeAll(() => mkdirSync(SCREENS, { recursive: true }));

  for (const lang of ['en', 'zh-TW'] as const) {
    it(`shows the email queue's backlog tile and chart (${lang})`, async () => {
      const page = await suite.browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${suite.server.base}/?lang=${lang}#/`);
      await page.locator('[data-testid=tenant-filter]').selectOption('jade-bank');
      const tile = page.locator('[data-testid=backlog-tile][data-queue=jade-email]');
      await tile.waitFor();
      const q = suite.server.floor.engine.queue('jade-bank', 'jade-email')!;
      // The tile shows what the engine holds (the backlog count is not ticking).
      expect(Number(await tile.locator('[data-testid=backlog-count]').textContent())).toBe(q.waiting.size);
      expect(Number(await tile.locator('[data-testid=backlog-overdue]').textContent())).toBeGreaterThan(0);
      // By 09:10 the mailbox has answered or lost 15 items today: judged, so no count under its figure.
      expect(await tile.locator('[data-testid=backlog-sl-few]').count()).toBe(0);
      await page.locator('[data-testid=chart-queue]').selectOption({ label: 'Jade Bank email' });
      const chart = page.locator('[data-testid=backlog-chart]');
      await chart.waitFor();
      // Two bars (arrived, handled) per interval from 00:00 to the open 09:00 interval: 19 intervals.
      expect(await chart.locator('rect.bar').count()).toBe(38);
      expect(await chart.locator('.axis-title').count()).toBe(3);
      await chart.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENS}/deferred-wallboard-${lang}.png` });
      await chart.screenshot({ path: `${SCREENS}/deferred-chart-${lang}.png` });
      await page.close();
    }, 60_000);

    it(`plans the email queue by deadline on the intraday view (${lang})`, async () => {
      const page = await suite.browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${suite.server.base}/?lang=${lang}#/intraday?queue=jade-email`);
      await page.locator('[data-testid=deferred-table]').waitFor();
      expect(await page.locator('[data-testid=deferred-table] tbody tr').count()).toBe(48);
      expect(await page.locator('[data-testid=intraday-table]').count()).toBe(0);
      expect(await page.locator('[data-testid=deferred-chart] rect.bar').count()).toBe(96);
      await page.screenshot({ path: `${SCREENS}/deferred-intraday-${lang}.png` });
      await page.close();
    }, 60_000);
  }
});

describe.runIf(run)('an email queue whose response service level counts too few items to judge, in headless Chromium', () => {
  const suite = serverAndBrowser({}, Date.parse('2026-11-20T10:00:00+08:00'));
  // m2 answered 09:10 within the 24 h target: in target today 1 / 1 = 100% over one item, under MIN_SL_CALLS (10).
  beforeAll(async () => {
    expect((await suite.server.post('/api/v1/events', ndjson(oneEmailAnswered()))).status).toBe(200);
  });

  for (const [lang, count] of [['en', '1 item'], ['zh-TW', '1 件']] as const) {
    it(`writes the count under the figure, as a voice tile under a service level of too few calls (${lang})`, async () => {
      const page = await suite.browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${suite.server.base}/?lang=${lang}#/`);
      const tile = page.locator('[data-testid=backlog-tile][data-queue=mail]');
      await tile.waitFor();
      expect(await tile.locator('[data-testid=backlog-sl]').textContent()).toBe('100%');
      expect(await tile.locator('[data-testid=backlog-sl-few]').textContent()).toBe(count);
      await tile.screenshot({ path: `${SCREENS}/deferred-few-${lang}.png` });
      await page.close();
    }, 60_000);
  }
});
