/**
 * A plan refusal in the analyst's language: a zh-TW analyst on the live floor opens the intraday
 * of a day 401 days ahead, tries a what-if on it, and reads why it is refused in Chinese (the
 * server's 400 carries `code: 'plan.tooFarAhead'`), inside the what-if panel. (This test used to
 * reach `plan.dayForgotten` through a replay of a forgotten day; the replay workspace now shows
 * the plan read-only, with no what-if form: test/e2e/replay-workspace.test.ts.)
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

/** When set (a directory), the refused what-if is saved there: the page as plan-refusal-zh-TW.png, the panel as plan-refusal-panel-zh-TW.png. */
const SCREENS = process.env.SCREENS_DIR;

describe.runIf(run)('a what-if past the plan horizon, in Traditional Chinese', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({}, Date.parse('2026-11-20T13:10:00+08:00'));
    expect((await server.post('/api/v1/events', ndjson([ev('call.queued', '13:00:00', { callId: 'c1', queueId: 'q1' })]))).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says in Chinese how far ahead a plan reaches, within the what-if panel, and adds nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(`${server.base}/?lang=zh-TW#/intraday?queue=q1`);
      // 2027-11-20 is 365 days after 2026-11-20, and 2027-12-26 36 more: 401, one past the 400-day horizon.
      await page.locator('[data-testid=intraday-date]').fill('2027-12-26');
      await expect.poll(() => page.locator('[data-testid=intraday-heading]').textContent(), { timeout: 10_000 }).toContain('2027年12月26日');
      const editor = page.locator('[data-testid=whatif-editor]');
      expect(await editor.locator('[data-testid=whatif-from] option').first().textContent()).toBe('00:00');
      await editor.locator('[data-testid=whatif-add]').click();

      const message = editor.locator('p.red');
      await message.waitFor();
      expect(await message.textContent()).toBe('無法新增假設情境：2027年12月26日 是今天（2026年11月20日）之後第 401 天，計畫最多只能排到 400 天後');
      // Long Chinese text wraps inside the panel: nothing sticks out of it.
      const [panel, text] = await Promise.all([editor.boundingBox(), message.boundingBox()]);
      expect(text!.x).toBeGreaterThanOrEqual(panel!.x);
      expect(text!.x + text!.width).toBeLessThanOrEqual(panel!.x + panel!.width);
      expect(await editor.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
      if (SCREENS) {
        await page.screenshot({ path: join(SCREENS, 'plan-refusal-zh-TW.png'), fullPage: true });
        await editor.screenshot({ path: join(SCREENS, 'plan-refusal-panel-zh-TW.png') });
      }

      expect(await editor.locator('[data-testid=whatif-list]').textContent()).toBe('尚無假設情境。');
      expect((await server.get('/api/v1/queues/q1/whatifs?date=2027-12-26')).body.whatIfs).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
