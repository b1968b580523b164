import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;

const run = browserAvailable();
const ADMIN = 'header-admin-token-0123456789';
const PW = 'correct horse battery';
/** An administrator: every link of the nav, People included, and a long name for the account button. */
const USER = 'chen.meiling.supervisor';

/** The header as laid out: its height, each item's vertical centre and right edge, and how far the nav and the page overflow (px). */
async function headerLayout(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('header')!;
    const nav = header.querySelector('nav')!;
    const items = [header.querySelector('.brand')!, ...nav.querySelectorAll('a'), header.querySelector('.clock')!, header.querySelector('[data-testid=connection]')!, header.querySelector('[data-testid=account-menu]')!];
    const boxes = items.map((e) => e.getBoundingClientRect());
    const centres = boxes.map((b) => b.top + b.height / 2);
    return {
      height: header.getBoundingClientRect().height,
      centreSpread: Math.max(...centres) - Math.min(...centres),
      rightmost: Math.max(...[header.querySelector('.clock')!, header.querySelector('[data-testid=account-menu]')!].map((e) => e.getBoundingClientRect().right)),
      navHidden: nav.scrollWidth - nav.clientWidth,
      navScrolls: getComputedStyle(nav).overflowX === 'auto',
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

describe.runIf(run)('the header of a signed-in administrator in Chromium', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
    const res = await fetch(server.base + '/api/v1/users', { method: 'POST', body: JSON.stringify({ name: USER, role: 'admin', tenants: ['*'], password: PW }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.base + '/');
    await page.locator('[data-testid=signin]').waitFor();
    await page.fill('input[name=name]', USER);
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=who]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'zh-TW']) {
    it(`keeps every link, the clock, the link state and the account on one line at 1366 px, nothing cut off (${lang})`, async () => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${server.base}/?lang=${lang}#/`);
      await expect.poll(() => page.locator('header nav a').count()).toBe(8); // seven views and People
      // Measured live: while the link state says "Connecting…" (or an outage's longer words) the
      // links may scroll, as they do at 1024 px; the steady header must fit whole.
      await page.locator('[data-testid=connection].live').waitFor();
      const l = await headerLayout(page);
      // One row: every item's centre within 4 px of the others, and the header one line tall
      // (a link is about 28 px, plus 2 x 10 px padding; a second row would make it 80 px or more).
      expect(l.centreSpread).toBeLessThanOrEqual(4);
      expect(l.height).toBeLessThan(60);
      // No link hidden in the nav, nothing past the right edge, no sideways scrolling of the page.
      expect(l.navHidden).toBe(0);
      expect(l.rightmost).toBeLessThanOrEqual(1366);
      expect(l.pageOverflow).toBe(0);
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/header-${lang}-1366.png`, clip: { x: 0, y: 0, width: 1366, height: 120 } });
    });

    it(`scrolls the links sideways at 1024 px instead of wrapping, the current one in sight (${lang})`, async () => {
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(`${server.base}/?lang=${lang}#/admin`);
      await page.locator('[data-testid=admin]').waitFor();
      await expect.poll(() => page.locator('header nav a').count()).toBe(8);
      const l = await headerLayout(page);
      expect(l.centreSpread).toBeLessThanOrEqual(4);
      expect(l.height).toBeLessThan(60);
      expect(l.navScrolls).toBe(true);
      expect(l.navHidden).toBeGreaterThan(0);
      expect(l.rightmost).toBeLessThanOrEqual(1024);
      expect(l.pageOverflow).toBe(0);
      // People, the last link, is the page shown: scrolled into the nav's box.
      await expect
        .poll(() =>
          page.evaluate(() => {
            const nav = document.querySelector('header nav')!.getBoundingClientRect();
            const a = document.querySelector('header nav a.active')!.getBoundingClientRect();
            return a.left >= nav.left - 1 && a.right <= nav.right + 1;
          }),
        )
        .toBe(true);
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/header-${lang}-1024.png`, clip: { x: 0, y: 0, width: 1024, height: 120 } });
    });
  }

  it('opens the account menu from the keyboard, lands in it, and closes it with Escape back on the button', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.base}/?lang=en#/`);
    const button = page.locator('[data-testid=account-menu]');
    await button.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-testid=account-panel]').count()).toBe(0);
    await button.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-testid=account-panel]');
    await panel.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await panel.locator('[data-testid=signed-in-as]').textContent()).toBe(`Signed in as ${USER} (Administrator)`);
    // Focus is on the first control, the language; Tab reaches sign-out.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('language-switcher');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sign-out');
    if (SCREENS) await page.screenshot({ path: `${SCREENS}/account-menu-en-1366.png`, clip: { x: 866, y: 0, width: 500, height: 240 } });
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('account-menu');
    // A click elsewhere closes it too.
    await button.click();
    await panel.waitFor();
    await page.mouse.click(400, 400);
    expect(await panel.count()).toBe(0);
  });

  it('changes the language from the account menu', async () => {
    await page.goto(`${server.base}/?lang=en#/`);
    await page.locator('[data-testid=account-menu]').click();
    await page.locator('[data-testid=language-switcher]').selectOption('zh-TW');
    await expect.poll(() => page.locator('header nav').innerText()).toContain('即時看板');
    expect(await page.locator('[data-testid=signed-in-as]').textContent()).toBe(`已登入：${USER}（系統管理員）`);
  });
});
