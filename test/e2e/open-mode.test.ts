import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;
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

  describe('changes made in open mode, in the audit log', () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      server = await startServer();
      // A tenant on the floor, and a display of it made by the anonymous admin: one audit entry.
      expect((await server.post('/api/v1/events', ndjson([{ id: 'e1', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', tenant: 'default', agentId: 'a1', queues: ['q1'], state: 'available' }]))).status).toBe(200);
      const res = await fetch(`${server.base}/api/v1/displays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Lobby', tenants: ['default'] }) });
      expect(res.status).toBe(201);
    });
    afterAll(() => server?.stop());

    it("names who made them in the page's language: in Chinese as in English", async () => {
      for (const [lang, by] of [
        ['en', 'anonymous (open mode)'],
        ['zh-TW', '匿名使用者（開放模式）'],
      ]) {
        const page = await openAt(browser, `${server.base}/?lang=${lang}#/admin`);
        try {
          const row = page.locator('[data-testid=audit] tbody tr').first();
          await row.waitFor();
          expect(await row.locator('td').nth(1).innerText()).toBe(by);
          if (SCREENS) await page.locator('[data-testid=audit]').screenshot({ path: `${SCREENS}/audit-open-mode-${lang}.png` });
        } finally {
          await page.close();
        }
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
