import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

const run = browserAvailable();
const STATUS = '[data-testid=status-note]';
const TRAFFIC = '[data-testid=erlang-traffic]';
const ERLANG = '**/api/v1/erlang?*';
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;

/** Holds every calculator request until the returned function is called. */
async function hold(page: Page): Promise<() => Promise<void>> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const handled: Promise<void>[] = [];
  const handler = (route: Route) => {
    const done = held.then(() => route.continue());
    handled.push(done);
    return done;
  };
  await page.route(ERLANG, handler);
  return async () => {
    release();
    // Unrouted only once every held request went on: unrouting first would hand them on twice.
    await Promise.all(handled);
    await page.unroute(ERLANG, handler);
  };
}

/**
 * The staffing calculator says "Loading…" while its first answer is on its way, and when a later
 * one is slow, like every other page; quick answers to typing replace the figures without it.
 * Traffic = calls × AHT ÷ interval: the defaults 100 × 180 s ÷ 1,800 s = 10 Erlangs.
 */
describe.runIf(run)('the staffing calculator while its requests run, in Chromium', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    if (SCREENS) mkdirSync(SCREENS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = () => browser.newPage({ viewport: { width: 1366, height: 768 } });

  for (const [lang, loading, traffic] of [
    ['en', 'Loading…', '10.00 Erlangs'],
    ['zh-TW', '載入中…', '10.00 Erlang'],
  ] as const) {
    it(`says "${loading}" until the first answer comes, then shows it alone, in ${lang}`, async () => {
      const page = await open();
      const release = await hold(page);
      try {
        await page.goto(`${server.base}/?lang=${lang}#/erlang`);
        await page.locator(`${STATUS}[data-kind=loading]`).waitFor();
        expect(await page.locator(STATUS).innerText()).toBe(loading);
        expect(await page.locator(TRAFFIC).count()).toBe(0);
        await release();
        await page.locator(TRAFFIC).filter({ hasText: traffic }).waitFor();
        expect(await page.locator(STATUS).count()).toBe(0);
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/erlang-${lang}-1366.png` });
      } finally {
        await release();
        await page.close();
      }
    });
  }

  it('keeps the figures in place while typing, with no "Loading…" line flickering per keystroke', async () => {
    const page = await open();
    try {
      await page.goto(`${server.base}/?lang=en#/erlang`);
      await page.locator(TRAFFIC).filter({ hasText: '10.00 Erlangs' }).waitFor();
      // Record every status line that ever appears, however briefly.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => document.querySelectorAll('[data-testid=status-note]').forEach((n) => seen.push(n.textContent ?? ''))).observe(document.body, { childList: true, subtree: true });
      });
      const calls = page.locator('[data-testid=erlang-calls]');
      await calls.selectText();
      // 2, 20, 200 calls, a keystroke every 60 ms: 200 × 180 ÷ 1,800 = 20 Erlangs.
      await calls.pressSequentially('200', { delay: 60 });
      await page.locator(TRAFFIC).filter({ hasText: '20.00 Erlangs' }).waitFor();
      await page.waitForTimeout(700);
      expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says "Loading…" over the old figures, dimmed, when an answer is slow, then shows the new ones', async () => {
    const page = await open();
    try {
      await page.goto(`${server.base}/?lang=en#/erlang`);
      await page.locator(TRAFFIC).filter({ hasText: '10.00 Erlangs' }).waitFor();
      const release = await hold(page);
      // AHT 90 s: 100 × 90 ÷ 1,800 = 5 Erlangs.
      await page.locator('[data-testid=erlang-aht]').fill('90');
      await page.locator(`${STATUS}[data-kind=loading]`).waitFor();
      expect(await page.locator(TRAFFIC).innerText()).toBe('10.00 Erlangs');
      expect(await page.locator('.answer.stale').count()).toBe(1);
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/erlang-slow-en-1366.png` });
      await release();
      await page.locator(TRAFFIC).filter({ hasText: '5.00 Erlangs' }).waitFor();
      expect(await page.locator(STATUS).count()).toBe(0);
      expect(await page.locator('.answer.stale').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('keeps the answer to the inputs shown when an answer to earlier inputs comes after it', async () => {
    const page = await open();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let answered = () => {};
    const late = new Promise<void>((resolve) => (answered = resolve));
    // Only the request for AHT 90 s is held; it is answered after the one for 60 s.
    await page.route(
      (url) => url.pathname === '/api/v1/erlang' && url.searchParams.get('ahtSeconds') === '90',
      (route) => held.then(() => route.continue()).then(answered),
    );
    try {
      await page.goto(`${server.base}/?lang=en#/erlang`);
      await page.locator(TRAFFIC).filter({ hasText: '10.00 Erlangs' }).waitFor();
      const aht = page.locator('[data-testid=erlang-aht]');
      await aht.fill('90');
      await page.waitForRequest((r) => r.url().includes('ahtSeconds=90'));
      // AHT 60 s: 100 × 60 ÷ 1,800 = 3.33 Erlangs; the held answer for 90 s would read 5.00.
      await aht.fill('60');
      await page.locator(TRAFFIC).filter({ hasText: '3.33 Erlangs' }).waitFor();
      release();
      await late;
      await page.waitForTimeout(300);
      expect(await page.locator(TRAFFIC).innerText()).toBe('3.33 Erlangs');
    } finally {
      release();
      await page.close();
    }
  });

  it('gives the reason a calculation failed, not "Loading…"', async () => {
    const page = await open();
    await page.route(ERLANG, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'the calculator is unavailable' }) }));
    try {
      await page.goto(`${server.base}/?lang=en#/erlang`);
      await page.locator(`${STATUS}[data-kind=error]`).waitFor();
      expect(await page.locator(STATUS).innerText()).toBe('Could not calculate: the calculator is unavailable');
      expect(await page.locator('body').innerText()).not.toMatch(/Loading/);
    } finally {
      await page.close();
    }
  });
});
