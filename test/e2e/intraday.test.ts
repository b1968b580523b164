import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';
import { taipei } from '../helpers/events.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;

describe.runIf(run)('intraday and staffing calculator in headless Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let analyst: Page;
  let watcher: Page;

  beforeAll(async () => {
    server = await startServer({}, taipei('13:10:00'));
    const { engine, plan } = server.floor;
    engine.addQueue(makeQueueConfig('q1', 'default', { name: 'Billing' }));
    const day = engine.clock.dayOfDate('2026-11-20')!;
    // 14:30 is forecast to get no calls: no service level to project there.
    plan.setForecast('default', 'q1', day.start, day.end, new Map([
      [taipei('14:00:00'), { calls: 100, ahtSeconds: 180 }],
      [taipei('14:30:00'), { calls: 0, ahtSeconds: 180 }],
      [taipei('15:00:00'), { calls: 100, ahtSeconds: 180 }],
    ]));
    // Tomorrow: the same busy half-hour, then a quiet one.
    const tomorrow = engine.clock.dayOfDate('2026-11-21')!;
    const at = (time: string) => Date.parse(`2026-11-21T${time}+08:00`);
    plan.setForecast('default', 'q1', tomorrow.start, tomorrow.end, new Map([[at('14:00:00'), { calls: 100, ahtSeconds: 180 }], [at('14:30:00'), { calls: 0, ahtSeconds: 180 }]]));
    for (let i = 0; i < 12; i++) engine.addAgent({ id: `a${i}`, tenant: 'default', queues: ['q1'] });
    plan.setSchedules('default', day.start, day.end, Array.from({ length: 12 }, (_, i) => ({ agentId: `a${i}`, start: taipei('13:00:00'), end: taipei('16:00:00'), activity: 'phone' })));
    browser = await launchChromium();
    analyst = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    watcher = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await analyst.goto(`${server.base}/#/intraday?queue=q1`);
    await watcher.goto(`${server.base}/#/intraday?queue=q1`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const projected14 = (page: Page) => page.locator('[data-testid=intraday-table] tbody tr').nth(28).locator('[data-testid=projected-sl]').textContent();

  it('shows forecast, required and scheduled staff for every interval, with both charts', async () => {
    await watcher.locator('[data-testid=intraday-table]').waitFor();
    expect(await watcher.locator('[data-testid=intraday-table] tbody tr').count()).toBe(48);
    const row = await watcher.locator('[data-testid=intraday-table] tbody tr').nth(28).textContent();
    expect(row).toContain('14:00');
    expect(row).toContain('100.0'); // forecast calls
    expect(row).toContain('12.0'); // scheduled
    expect(row).toContain('\u22122.0'); // net, written with the minus sign U+2212
    expect(await projected14(watcher)).toBe('64%');
    for (const id of ['volume-chart', 'staff-chart']) expect(await watcher.locator(`[data-testid=${id}]`).count()).toBe(1);
    expect(await watcher.locator('[data-testid=staff-chart]').textContent()).toContain('Agents');
  });

  it('shows – for the service level of intervals with no calls, and the projected line leaves a gap there', async () => {
    await watcher.locator('[data-testid=intraday-table]').waitFor();
    const rows = watcher.locator('[data-testid=intraday-table] tbody tr');
    // 10:00 is closed with no calls (denominator 0); 14:30 is forecast to get none (Erlang would say 100%).
    expect(await rows.nth(20).locator('[data-testid=actual-sl]').textContent()).toBe('–');
    expect(await rows.nth(29).locator('[data-testid=projected-sl]').textContent()).toBe('–');
    expect(await rows.nth(29).locator('[data-testid=projected-asa]').textContent()).toBe('–');
    expect(await rows.nth(30).locator('[data-testid=projected-sl]').textContent()).toBe('64%');
    // Two pieces, 14:00 and 15:00, not one line through 100% at 14:30.
    const d = (await watcher.locator('[data-testid=staff-chart] path.sl-projected').getAttribute('d')) ?? '';
    expect(d.match(/M/g)?.length).toBe(2);
  });

  it("has no 'Required 80%' column without an outlook, and says why where the outlook would be", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.base}/#/intraday?queue=q1`);
    await page.locator('[data-testid=intraday-table]').waitFor();
    // Today, with a forecast but no history of forecast errors.
    expect(await page.locator('[data-testid=outlook-none]').textContent()).toBe('No outlook yet: it needs at least nine past days of forecast errors.');
    expect(await page.locator('[data-testid=intraday-table] thead').textContent()).not.toContain('Required 80%');
    expect(await page.locator('[data-testid=intraday-table] thead th').count()).toBe(16);
    expect(await page.locator('[data-testid=required-band]').count()).toBe(0);
    expect(await page.locator('[data-testid=staff-chart] rect.required-band').count()).toBe(0);
    // Another day: the outlook is for the rest of today only.
    await page.locator('[data-testid=intraday-date]').fill('2026-11-21');
    await expect.poll(() => page.locator('[data-testid=outlook-none]').textContent(), { timeout: 3000 }).toBe('No outlook: it covers the rest of today only.');
    expect(await page.locator('[data-testid=intraday-table] thead th').count()).toBe(16);
    await page.close();
  });

  it('moves the projected service level on a second browser when a what-if is applied', async () => {
    await analyst.locator('[data-testid=whatif-from]').selectOption({ label: '14:00' });
    await analyst.locator('[data-testid=whatif-to]').selectOption({ label: '15:00' });
    await analyst.locator('[data-testid=whatif-agents]').fill('2');
    await analyst.locator('[data-testid=whatif-add]').click();
    await expect.poll(() => projected14(watcher), { timeout: 3000 }).toBe('89%');
    expect(await watcher.locator('[data-testid=whatif-list]').textContent()).toContain('+2');
    await watcher.screenshot({ path: '/tmp/floorboard-intraday-whatif.png', fullPage: true });
  });

  it('sizes the what-if editor to what it holds: beside the charts as tall as its fields and list at 1366 px, its fields on one row at 1024 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(`${server.base}/#/intraday?queue=q1`);
      const editor = page.locator('[data-testid=whatif-editor]');
      // The what-if of the test before is listed: the editor holds its fields, the help and one line.
      await editor.locator('[data-testid=whatif-list] li button').waitFor();
      /** The editor's box, the charts' beside it, where its list ends, and each field's box (px). */
      const layout = () =>
        editor.evaluate((el) => {
          const box = (e: Element) => e.getBoundingClientRect();
          const controls = [...el.querySelectorAll('form select, form input, form button')].map((c) => ({ top: box(c).top, bottom: box(c).bottom, width: box(c).width }));
          return { editor: box(el), charts: box(document.querySelector('.wfm-layout .charts')!), listBottom: box(el.querySelector('ul')!).bottom, listWidth: box(el.querySelector('ul')!).width, controls };
        });
      const wide = await layout();
      // Beside the charts (320 px), ending 12 px of padding and 1 of border below its list, not at the charts' foot.
      expect(wide.editor.left).toBeGreaterThan(wide.charts.right);
      expect(wide.editor.bottom - wide.listBottom).toBeCloseTo(13, 0);
      expect(wide.editor.height).toBeLessThan(wide.charts.height - 100);
      if (SCREENS) await page.locator('.wfm-layout').screenshot({ path: `${SCREENS}/whatif-en-1366.png` });

      await page.setViewportSize({ width: 1024, height: 768 });
      // Below the charts, the page's width: from, until, agents, note and the button on one row
      // (their middles within 4 px), none stretched across it; the list no wider than 40rem.
      await expect.poll(async () => (await layout()).editor.top).toBeGreaterThan((await layout()).charts.bottom);
      const narrow = await layout();
      expect(narrow.controls).toHaveLength(5);
      const middles = narrow.controls.map((c) => (c.top + c.bottom) / 2);
      expect(Math.max(...middles) - Math.min(...middles)).toBeLessThanOrEqual(4);
      for (const c of narrow.controls) expect(c.width).toBeLessThanOrEqual(352);
      expect(narrow.listWidth).toBeLessThanOrEqual(640);
      if (SCREENS) await editor.screenshot({ path: `${SCREENS}/whatif-en-1024.png` });
    } finally {
      await page.close();
    }
  });

  it('keeps the intraday view on screen while the floor pushes updates (no reload, no lost scroll)', async () => {
    await watcher.goto(`${server.base}/#/intraday?queue=q1`);
    await watcher.locator('[data-testid=intraday-summary]').waitFor();
    // Mark the rendered summary; a view torn down and rebuilt by a push would lose the mark.
    await watcher.locator('[data-testid=intraday-summary]').evaluate((el) => el.setAttribute('data-mark', 'kept'));
    await watcher.evaluate(() => window.scrollTo(0, 600));
    // Five pushes, each a call queued on q1 a second apart on the floor's clock.
    for (let i = 0; i < 5; i++) {
      const ts = new Date(taipei('13:10:00') + (i + 1) * 1000).toISOString();
      expect((await server.post('/api/v1/events', JSON.stringify({ id: `push-${i}`, type: 'call.queued', ts, tenant: 'default', callId: `push-${i}`, queueId: 'q1' }))).status).toBe(200);
      await watcher.waitForTimeout(300);
    }
    expect(await watcher.locator('[data-testid=intraday-summary][data-mark=kept]').count()).toBe(1);
    expect(await watcher.evaluate(() => window.scrollY)).toBe(600);
  });

  it("fetches the wallboard chart's history once, not again with every push", async () => {
    const board = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const fetched: string[] = [];
    board.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('/intervals') || path.endsWith('/history/compare')) fetched.push(path);
    });
    await board.goto(`${server.base}/#/`);
    await expect.poll(() => fetched.length, { timeout: 5000 }).toBe(2);
    for (let i = 0; i < 5; i++) {
      const ts = new Date(taipei('13:10:30') + i * 1000).toISOString();
      expect((await server.post('/api/v1/events', JSON.stringify({ id: `board-${i}`, type: 'call.queued', ts, tenant: 'default', callId: `board-${i}`, queueId: 'q1' }))).status).toBe(200);
      await board.waitForTimeout(300);
    }
    // The pushes arrived (the tile counts the waiting calls) and fetched nothing more.
    await expect.poll(() => board.locator('body').textContent(), { timeout: 3000 }).toContain('Billing');
    expect(fetched).toEqual(['/api/v1/queues/q1/intervals', '/api/v1/queues/q1/history/compare']);
    await board.close();
  });

  it('computes staffing in the calculator page: 100 calls of 180 s need 14 agents', async () => {
    await analyst.goto(`${server.base}/#/erlang`);
    await expect.poll(() => analyst.locator('[data-testid=erlang-agents-needed]').textContent(), { timeout: 3000 }).toBe('14');
    await analyst.locator('[data-testid=erlang-target]').fill('90');
    await expect.poll(() => analyst.locator('[data-testid=erlang-agents-needed]').textContent(), { timeout: 3000 }).toBe('15');
    expect(await analyst.locator('[data-testid=erlang-traffic]').textContent()).toBe('10.00 Erlangs');
  });

  it("names traffic's unit in full on the calculator and tomorrow's plan, in English and Chinese, and shows – for a quiet interval's SL", async () => {
    for (const [lang, unit, header] of [['en', '10.00 Erlangs', 'Traffic (Erlangs)'], ['zh-TW', '10.00 Erlang', '話務量（Erlang）']]) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(`${server.base}/#/erlang?lang=${lang}`);
      await expect.poll(() => page.locator('[data-testid=erlang-traffic]').textContent(), { timeout: 3000 }).toBe(unit);
      await page.goto(`${server.base}/#/plan?lang=${lang}`);
      await page.locator('[data-testid=plan] table').waitFor();
      expect(await page.locator('[data-testid=plan] thead th').nth(3).textContent()).toBe(header);
      const rows = page.locator('[data-testid=plan] tbody tr');
      expect(await rows.count()).toBe(2);
      // 14:00: 100 calls of 180 s are 10 Erlangs; 14:30: no calls, no traffic, no service level.
      expect(await rows.nth(0).locator('td').nth(3).textContent()).toBe('10.00');
      expect(await rows.nth(1).locator('td').nth(3).textContent()).toBe('0.00');
      expect(await rows.nth(1).locator('td').nth(7).textContent()).toBe('–');
      await page.close();
    }
  });

  // The date and time fields show the browser's format (11/19/2026, 02:00 PM) whatever the page's language; beside them, what they hold as the floor writes it.
  for (const [lang, before, after] of [
    ['en', 'Nov 19, 2026, 14:00–end of day', 'Nov 19, 2026, 14:00–16:30'],
    ['zh-TW', '2026年11月19日 14:00–當日結束', '2026年11月19日 14:00–16:30'],
  ]) {
    it(`reads the past day's date and hours back on the 24-hour clock in the page's language (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(`${server.base}/?lang=${lang}#/intraday?queue=q1`);
      const reading = page.locator('[data-testid=past-day-reading]');
      // Today is 2026-11-20: the day before is offered first, from 14:00 (the panel's default) to the end of the day.
      await expect.poll(() => reading.innerText()).toBe(before);
      await page.locator('[data-testid=past-day] input[type=time]').nth(1).fill('16:30');
      await expect.poll(() => reading.innerText()).toBe(after);
      await page.close();
    });
  }

  // The server's refusals come with codes: the panel words them in the page's language, not the server's English.
  for (const [lang, toBeforeFrom, journalingOff] of [
    ['en', 'Could not re-run the day: the change must end after it starts (14:00–13:00)', 'Could not re-run the day: this server keeps no journal of past days'],
    ['zh-TW', '無法重新模擬這一天：調整的結束時間須晚於開始時間（14:00–13:00）', '無法重新模擬這一天：此伺服器未保留過去日期的日誌'],
  ]) {
    it(`words a refused re-run in the page's language (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${server.base}/?lang=${lang}#/intraday?queue=q1`);
        const panel = page.locator('[data-testid=past-day]');
        // The refusal's line (found by its colour's class, so the panel before codes, which showed the server's English there, is read too).
        const error = panel.locator('p.red');
        // From 14:00 (the panel's default) to 13:00: the change ends before it starts.
        await panel.locator('input[type=time]').nth(1).fill('13:00');
        await panel.locator('[data-testid=past-day-run]').click();
        await expect.poll(() => error.innerText()).toBe(toBeforeFrom);
        // To the end of the day: this server was started without JOURNAL_DIR, so it keeps no past day.
        await panel.locator('input[type=time]').nth(1).fill('');
        await panel.locator('[data-testid=past-day-run]').click();
        await expect.poll(() => error.innerText()).toBe(journalingOff);
        if (SCREENS) await panel.screenshot({ path: `${SCREENS}/past-day-refused-${lang}.png` });
      } finally {
        await page.close();
      }
    });
  }
});
