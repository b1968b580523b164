import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { workedExample } from '../helpers/worked-example.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;
const VIEW = 'wall-viewer-0123456789';
const FEED = 'acd-feed-0123456789';

/**
 * A sign-in may hold MAX_SOCKETS_PER_PRINCIPAL screens (2 here): the third page of one viewer
 * token is refused and says why in its language, and gets in once a screen is closed and it is reloaded.
 */
describe.runIf(run)('more screens than one sign-in may open', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const pages: Page[] = [];
  const badge = (page: Page) => page.locator('[data-testid=connection]').textContent();
  async function screen(lang = 'en'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    pages.push(page);
    await page.goto(`${server.base}/?token=${VIEW}&lang=${lang}#/`);
    return page;
  }

  beforeAll(async () => {
    const tokens = [
      { token: VIEW, name: 'floor wall', tenants: ['*'], role: 'viewer' },
      { token: FEED, name: 'acd', tenants: ['*'], role: 'ingest' },
    ];
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens), MAX_SOCKETS_PER_PRINCIPAL: '2' });
    expect((await (await server.post('/api/v1/events', ndjson(workedExample), FEED)).json()).rejected).toEqual([]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses the third screen in English and in Traditional Chinese, and lets it in once another closes', async () => {
    const [first, second] = [await screen(), await screen()];
    for (const p of [first, second]) await expect.poll(() => badge(p)).toBe('Live');
    const third = await screen();
    await expect.poll(() => badge(third)).toBe('Not allowed: this sign-in already has 2 screens open: close one and reload');
    if (SCREENS) await third.screenshot({ path: `${SCREENS}/too-many-screens-en.png` });
    const fourth = await screen('zh-TW');
    await expect.poll(() => badge(fourth)).toBe('無權限：此登入已開啟 2 個畫面：請關閉其中一個後重新載入');
    // The agent board of a screen with no connection says so in the screen's language (it showed the code 'offline').
    await expect.poll(() => third.getByText('Agent board: not connected; it fills in when the connection is back').count()).toBe(1);
    await expect.poll(() => fourth.getByText('客服人員看板：尚未連線，連線恢復後會自動顯示').count()).toBe(1);
    if (SCREENS) await fourth.screenshot({ path: `${SCREENS}/too-many-screens-zh-TW.png` });
    // A TV on the same sign-in is refused alike (its /tv socket counts with the wallboards' /).
    const tv = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    pages.push(tv);
    await tv.goto(`${server.base}/?token=${VIEW}&lang=en#/tv`);
    await expect.poll(() => tv.locator('.headline').textContent()).toContain('this sign-in already has 2 screens open: close one and reload');
    if (SCREENS) await tv.screenshot({ path: `${SCREENS}/too-many-screens-tv.png` });
    await tv.close();
    await fourth.close();
    await first.close();
    await expect.poll(() => server.floor.connections.total).toBe(1);
    await third.reload();
    await expect.poll(() => badge(third)).toBe('Live');
    expect(server.floor.connections.total).toBe(2);
  });
});
