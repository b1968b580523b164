import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { workedExample } from '../helpers/worked-example.ts';

const run = browserAvailable();
const SCREENS = process.env.SCREENS_DIR;

/**
 * The wallboard's connection badge on a quiet floor: the server sends nothing when nothing
 * changes, so "live" rests on the transport heartbeat (a ping every 10 s). The page's clock is
 * Playwright's fake one, moved by hand; sockets and the server run in real time.
 */
describe.runIf(run)('connection badge without idle messages', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  const badge = () => page.locator('[data-testid=connection]').textContent();

  beforeAll(async () => {
    server = await startServer();
    await server.post('/api/v1/events', ndjson(workedExample));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.clock.install();
    await page.goto(server.base + '/');
    await page.locator('[data-testid=queue-tile][data-queue=q1]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('stays live through 6 quiet seconds, turns stale past 12.5 s with no message or ping, and offline when the link drops', async () => {
    await expect.poll(badge).toContain('Live');
    // 6 s with nothing new on the floor (the old idle tick came every second; "stale" was 4 s).
    await page.clock.runFor(6000);
    expect(await badge()).toContain('Live');
    // 8 s more of page time at once, faster than any ping can come: at least 14 s since the last one > 12.5 s (plus the real seconds the page took).
    await page.clock.runFor(8000);
    await expect.poll(badge).toMatch(/^Stale: no data for 1[4-9]s$/);
    if (SCREENS) await page.locator('body > div header, #app > header, header').first().screenshot({ path: `${SCREENS}/pushes-badge-stale.png` });
    // The server's next heartbeat ping (within 10 s of real time) brings it back.
    await expect.poll(badge, { timeout: 15_000, interval: 250 }).toBe('Live');
    if (SCREENS) await page.locator('body > div header, #app > header, header').first().screenshot({ path: `${SCREENS}/pushes-badge-live.png` });
    server.floor.io.of('/').disconnectSockets(true);
    await expect.poll(badge).toContain('Disconnected');
    if (SCREENS) await page.locator('body > div header, #app > header, header').first().screenshot({ path: `${SCREENS}/pushes-badge-offline.png` });
  }, 40_000);
});
