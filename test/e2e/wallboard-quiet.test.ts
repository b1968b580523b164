import { describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { serverAndBrowser } from '../helpers/browser-suite.ts';
import { ev } from '../helpers/events.ts';
import { ndjson } from '../helpers/server.ts';
import { scopedKey } from '../../server/protocol/keys.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;

/**
 * A quiet floor at 09:31 Taipei: acme's queues q1 and q2 (q1 first in every list), one agent
 * logged in for both and no one with a schedule today. q2 had one call, at 09:10; q1 none.
 */
describe.runIf(run)('the wallboard of a quiet floor, in headless Chromium', () => {
  const suite = serverAndBrowser({}, Date.parse('2026-11-20T09:31:00+08:00'));
  const words = {
    en: { noSchedule: 'No schedule today', noCalls: 'No calls yet today.' },
    'zh-TW': { noSchedule: '今日沒有排班', noCalls: '今日尚無進線。' },
  };

  for (const lang of ['en', 'zh-TW'] as const) {
    it(`says no one is scheduled rather than a green 0, and charts the queue with calls (${lang}, 1366x768)`, async () => {
      const f = { tenant: 'acme', callId: 'c1', agentId: 'a1' };
      const events = [
        ev('agent.login', '09:00:00', { tenant: 'acme', agentId: 'a1', state: 'available', queues: ['q1', 'q2'] }),
        ev('call.queued', '09:10:00', { ...f, queueId: 'q2' }),
        ev('call.answered', '09:10:05', { ...f, queueId: 'q2' }),
        ev('call.ended', '09:12:00', f),
        ev('call.wrapped', '09:12:10', f),
      ];
      // The same events twice (once per language) are the same ids: the second post changes nothing.
      expect((await suite.server.post('/api/v1/events', ndjson(events))).status).toBe(200);
      const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${suite.server.base}/?lang=${lang}#/`);
        const tile = page.locator('[data-testid=adherence-tile]');
        await tile.locator('[data-testid=no-schedule]').waitFor();
        expect(await tile.locator('[data-testid=no-schedule]').textContent()).toBe(words[lang].noSchedule);
        // No count, and nothing in the tile green, amber or red.
        expect(await tile.locator('[data-testid=out-of-adherence]').count()).toBe(0);
        expect(await tile.locator('.ok, .amber, .red').count()).toBe(0);

        // The chart opens on q2, the first queue with calls, and draws its one call.
        const picker = page.locator('[data-testid=chart-queue]');
        await expect.poll(() => picker.inputValue()).toBe(scopedKey('acme', 'q2'));
        await expect.poll(() => page.locator('[data-testid=interval-chart] rect.bar').evaluateAll((bars) => bars.filter((b) => Number(b.getAttribute('height')) > 0).length)).toBe(1);
        expect(await page.locator('[data-testid=chart-no-calls]').count()).toBe(0);

        // q1, chosen, has no calls today: said in words, with no axis made up for it.
        await picker.selectOption(scopedKey('acme', 'q1'));
        await page.locator('[data-testid=chart-no-calls]').waitFor();
        expect(await page.locator('[data-testid=chart-no-calls]').textContent()).toBe(words[lang].noCalls);
        expect(await page.locator('[data-testid=interval-chart] svg').count()).toBe(0);
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/wallboard-quiet-1366x768-${lang}.png`, fullPage: true });
      } finally {
        await page.close();
      }
    }, 30_000);
  }
});
