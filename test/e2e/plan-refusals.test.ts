/**
 * A plan refusal in the analyst's language: a zh-TW analyst replays a journaled day older than
 * the retention, tries a what-if on it, and reads why it is refused in Chinese (the server's
 * 409 carries `code: 'plan.dayForgotten'`), inside the what-if panel. A replay is the one place
 * the what-if editor offers a forgotten day: on the live floor such a day is over, and the
 * editor shows no form for it.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

/** When set (a directory), the refused what-if is saved there: the page as plan-refusal-zh-TW.png, the panel as plan-refusal-panel-zh-TW.png. */
const SCREENS = process.env.SCREENS_DIR;

/** Ten days before the floor's today (2026-11-20), with the default retention of 3 days (11-18 .. 11-20 kept). */
const OLD = { date: '2026-11-10', offset: '+08:00' };

describe.runIf(run)('a what-if for a forgotten day, in Traditional Chinese', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const journal = mkdtempSync(join(tmpdir(), 'plan-refusals-journal-'));

  beforeAll(async () => {
    // The floor lived through 2026-11-10: one call on q1 at 09:00, journaled.
    server = await startServer({ JOURNAL_DIR: journal }, Date.parse('2026-11-10T09:05:00+08:00'));
    const call = [
      ev('call.queued', '09:00:00', { callId: 'c1', queueId: 'q1' }, OLD),
      ev('call.answered', '09:00:10', { callId: 'c1', queueId: 'q1', agentId: 'a1' }, OLD),
      ev('call.ended', '09:03:00', { callId: 'c1', agentId: 'a1' }, OLD),
    ];
    expect((await server.post('/api/v1/events', ndjson(call))).status).toBe(200);
    // Ten days on, today's first call turns the floor's day: the plan now keeps 11-18 on.
    server.clock.now = Date.parse('2026-11-20T13:10:00+08:00');
    expect((await server.post('/api/v1/events', ndjson([ev('call.queued', '13:00:00', { callId: 'c2', queueId: 'q1' })]))).status).toBe(200);
    expect(server.floor.plan.keptFrom).toBe(Date.parse('2026-11-18T00:00:00+08:00'));
    // The journal's streams are buffered: wait until the old day's file holds its three lines.
    await vi.waitFor(() => expect(statSync(join(journal, '2026-11-10.ndjson'), { throwIfNoEntry: false })?.size ?? 0).toBeGreaterThan(200));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(journal, { recursive: true, force: true });
  });

  it('says in Chinese that the day can no longer be planned, within the what-if panel, and adds nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(`${server.base}/?workspace=replay&lang=zh-TW#/intraday?queue=q1`);
      const banner = page.locator('[data-testid=replay-banner]');
      await banner.getByLabel('要重播的日期').fill('2026-11-10');
      await banner.getByLabel('速度').selectOption('max');
      await banner.locator('button[type=submit]').click();
      // The replayed day ends at its last event, 09:03: from 09:00 on its intervals are open.
      await expect.poll(() => page.locator('[data-testid=intraday-heading]').textContent(), { timeout: 15_000 }).toContain('2026年11月10日');
      const editor = page.locator('[data-testid=whatif-editor]');
      expect(await editor.locator('[data-testid=whatif-from] option').first().textContent()).toBe('09:00');
      await editor.locator('[data-testid=whatif-add]').click();

      const message = editor.locator('p.red');
      await message.waitFor();
      // 11-18 is the oldest day kept: 2026-11-20 and the 2 days before it (retentionDays 3).
      expect(await message.textContent()).toBe('無法新增假設情境：2026年11月10日 早於系統保留的最早日期 2026年11月18日（共保留 3 天），該日的計畫已無法變更');
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
      expect((await server.get('/api/v1/queues/q1/whatifs?date=2026-11-10')).body.whatIfs).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
