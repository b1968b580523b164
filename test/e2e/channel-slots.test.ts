import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

const run = browserAvailable();
/** Where to save screenshots of what the test sees (set SCREENS_DIR to keep them). */
const SCREENS = process.env.SCREENS_DIR;

describe.runIf(run)('chat slots on the wallboard', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    // The simulated floor at 10:40 Taipei: Jade Loans (chat) is busy, its agents hold several chats each.
    server = await startServer({ SIMULATOR: 'on' }, Date.parse('2026-11-20T10:40:00+08:00'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, chat] of [['en', 'Chat'], ['zh-TW', '文字客服']] as const) {
    it(`shows each chat agent's slots in use of three (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      try {
        await page.goto(`${server.base}/?lang=${lang}#/`);
        await page.locator('[data-testid=tenant-filter]').selectOption('jade-bank');
        const chip = page.locator('[data-testid=agent-slots] .slot', { hasText: chat });
        await chip.first().waitFor();
        const texts = await chip.allTextContents();
        for (const t of texts) expect(t).toMatch(new RegExp(`^${chat} [0-3]/3$`));
        // The simulated floor has chat agents holding more than one chat at once.
        expect(texts.some((t) => /[23]\/3$/.test(t)), texts.join(' | ')).toBe(true);
        // The chat queue's tile sums the slots of its ready agents.
        await expect(page.locator('[data-queue=jade-loans] [data-testid=queue-slots]').textContent()).resolves.toMatch(new RegExp(`^\\d+/\\d+${chat}$`));
        await expect(page.locator('[data-queue=jade-cards] [data-testid=queue-slots]').count()).resolves.toBe(0);
        if (SCREENS) {
          await page.screenshot({ path: `${SCREENS}/capacity-${lang}-tiles.png` });
          await page.locator('[data-testid=agent-board]').scrollIntoViewIfNeeded();
          await page.locator('[data-testid=agent-board]').evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'end' }));
          await page.screenshot({ path: `${SCREENS}/capacity-${lang}-board.png` });
        }
      } finally {
        await page.close();
      }
    });
  }
});
