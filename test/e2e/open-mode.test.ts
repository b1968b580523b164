import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

const run = browserAvailable();
const VIEWS = ['#/', '#/intraday', '#/adherence', '#/erlang'];
const ENGLISH = 'Open mode: no sign-in; anyone who can reach this server sees and changes everything. Set FLOORBOARD_TOKENS before exposing it.';
const TOKEN = 'open-mode-viewer-0123456789';

/** Opens a page and waits until its health answer has arrived, so a missing banner is not merely late. */
async function openAt(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const health = page.waitForResponse((r) => r.url().includes('/api/v1/health'));
  await page.goto(url);
  await health;
  await page.locator('[data-testid=connection]').waitFor();
  return page;
}

describe.runIf(run)('the open-mode banner', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('without tokens', () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(() => server?.stop());

    for (const view of VIEWS) {
      it(`shows on ${view}, in full and with nothing to close it`, async () => {
        const page = await openAt(browser, `${server.base}/?lang=en${view}`);
        try {
          const banner = page.locator('[data-testid=open-mode-banner]');
          await banner.waitFor();
          expect((await banner.innerText()).replace(/\s+/g, ' ').trim()).toBe(ENGLISH);
          expect(await banner.getAttribute('role')).toBe('alert');
          expect(await banner.locator('button, a, [role=button]').count()).toBe(0);
        } finally {
          await page.close();
        }
      });
    }

    it('speaks Traditional Chinese with lang=zh-TW, the setting’s name kept as code', async () => {
      const page = await openAt(browser, `${server.base}/?lang=zh-TW#/`);
      try {
        const banner = page.locator('[data-testid=open-mode-banner]');
        await banner.waitFor();
        const text = await banner.innerText();
        expect(text).toContain('開放模式');
        expect(text).toContain('對外開放前請設定');
        expect(await banner.locator('code').innerText()).toBe('FLOORBOARD_TOKENS');
        expect(text.replace('FLOORBOARD_TOKENS', '')).not.toMatch(/[A-Za-z]/);
      } finally {
        await page.close();
      }
    });
  });

  describe('with tokens', () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: TOKEN, name: 'wall', tenants: ['*'], role: 'viewer' }]) });
    });
    afterAll(() => server?.stop());

    for (const view of VIEWS) {
      it(`is absent on ${view}`, async () => {
        const page = await openAt(browser, `${server.base}/?lang=en&token=${TOKEN}${view}`);
        try {
          await page.locator('[data-testid=connection]', { hasText: 'Live' }).waitFor();
          expect(await page.locator('[data-testid=open-mode-banner]').count()).toBe(0);
          expect(await page.locator('body').innerText()).not.toContain('Open mode');
        } finally {
          await page.close();
        }
      });
    }
  });
});
