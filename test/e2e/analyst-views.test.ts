import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { taipei } from '../helpers/events.ts';
import { startServer } from '../helpers/server.ts';

const run = browserAvailable();

describe.runIf(run)('the analyst views (intraday, plan, report) in headless Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    // 2026-11-20 13:10 in Taipei: today is the 20th, tomorrow's plan the 21st.
    server = await startServer({}, taipei('13:10:00'));
    const { engine, plan } = server.floor;
    engine.addQueue(makeQueueConfig('q1', 'default', { name: 'Billing' }));
    for (const date of ['2026-11-19', '2026-11-20', '2026-11-21']) {
      const day = engine.clock.dayOfDate(date)!;
      const at = (time: string) => Date.parse(`${date}T${time}+08:00`);
      plan.setForecast('default', 'q1', day.start, day.end, new Map([[at('09:00:00'), { calls: 40, ahtSeconds: 180 }], [at('09:30:00'), { calls: 60, ahtSeconds: 180 }]]));
    }
    // History of the 18th: 10 calls on q1 (8 in 20 s), and 4 emails on a deferred mailbox answered after 2 h.
    engine.addQueue(makeQueueConfig('mail', 'default', { name: 'Mailbox', kind: 'deferred' }));
    const row = (queueId: string, r: Record<string, number>) => ({ tenant: 'default', queueId, intervalStart: Date.parse('2026-11-18T09:00:00+08:00'), intervalMinutes: 30, offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 0, abandonedInSL: 0, handled: 0, waitSecondsAnswered: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, maxWaitSeconds: 0, dispositions: {}, ...r });
    await server.floor.runtime.history.store.upsertQueueIntervals([
      row('q1', { offered: 10, answered: 10, answeredInSL: 8, handled: 10, waitSecondsAnswered: 100, talkSeconds: 1800 }),
      row('mail', { offered: 4, answered: 4, handled: 4, waitSecondsAnswered: 4 * 7200, talkSeconds: 1200 }),
    ]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(view: string, lang = 'en'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.base}/?lang=${lang}#/${view}`);
    return page;
  }
  const value = (page: Page, testid: string) => page.locator(`[data-testid=${testid}]`).inputValue();

  it('intraday: shows the day it covers, steps to the next and back by keyboard', async () => {
    const page = await open('intraday');
    await page.locator('[data-testid=intraday-table]').waitFor();
    expect(await value(page, 'intraday-date')).toBe('2026-11-20');
    expect(await page.locator('[data-testid=intraday-date-reading]').textContent()).toBe('Fri, Nov 20, 2026');
    await page.locator('[data-testid=intraday-date-next]').click();
    await expect.poll(() => page.locator('[data-testid=intraday-heading]').textContent(), { timeout: 3000 }).toContain('Nov 21, 2026');
    expect(await value(page, 'intraday-date')).toBe('2026-11-21');
    // Keyboard only: Enter on the focused "previous day" button, then PageUp in the date field.
    await page.locator('[data-testid=intraday-date-previous]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => value(page, 'intraday-date'), { timeout: 3000 }).toBe('2026-11-20');
    await page.locator('[data-testid=intraday-date]').focus();
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.locator('[data-testid=intraday-heading]').textContent(), { timeout: 3000 }).toContain('Nov 19, 2026');
    await page.close();
  });

  it('intraday in Chinese: writes the day beside the date field in Chinese, whatever the browser writes in the field', async () => {
    const page = await open('intraday', 'zh-TW');
    await page.locator('[data-testid=intraday-table]').waitFor();
    const reading = page.locator('[data-testid=intraday-date-reading]');
    expect(await reading.textContent()).toBe('2026年11月20日週五');
    expect(await page.locator('[data-testid=intraday-date]').getAttribute('aria-describedby')).toBe(await reading.getAttribute('id'));
    await page.locator('[data-testid=intraday-date-next]').click();
    await expect.poll(() => reading.textContent(), { timeout: 3000 }).toBe('2026年11月21日週六');
    await page.close();
  });

  it("plan: starts on tomorrow and steps back to today's plan", async () => {
    const page = await open('plan');
    await page.locator('[data-testid=plan]').waitFor();
    expect(await value(page, 'plan-date')).toBe('2026-11-21');
    await page.locator('[data-testid=plan-date-previous]').click();
    await expect.poll(() => value(page, 'plan-date'), { timeout: 3000 }).toBe('2026-11-20');
    await page.locator('[data-testid=plan]').waitFor();
    await expect.poll(() => page.locator('[data-testid=plan-heading]').textContent(), { timeout: 3000 }).toContain('Nov 20, 2026');
    await page.close();
  });

  it('report: names the day the server answered for, and a chosen date moves it', async () => {
    const page = await open('report');
    await page.locator('[data-testid=report]').waitFor();
    expect(await value(page, 'report-date')).toBe('2026-11-20');
    await page.locator('[data-testid=report-period]').selectOption('day');
    await page.locator('[data-testid=report-date]').fill('2026-11-18');
    await expect.poll(() => page.locator('[data-testid=report] p.muted').first().textContent(), { timeout: 3000 }).toContain('Nov 18, 2026');
    await page.locator('[data-testid=report-date-next]').click();
    await expect.poll(() => value(page, 'report-date'), { timeout: 3000 }).toBe('2026-11-19');
    // A week's report steps a week, a month's a month, and the buttons say so.
    await page.locator('[data-testid=report-period]').selectOption('week');
    expect(await page.locator('[data-testid=report-date-next]').getAttribute('aria-label')).toBe('Next week');
    await page.locator('[data-testid=report-date-next]').click();
    await expect.poll(() => value(page, 'report-date'), { timeout: 3000 }).toBe('2026-11-26');
    await page.locator('[data-testid=report-period]').selectOption('month');
    await page.locator('[data-testid=report-date-previous]').click();
    await expect.poll(() => value(page, 'report-date'), { timeout: 3000 }).toBe('2026-10-26');
    await page.close();
  });

  it('report: ranks the worst intervals, the mailbox left out, or says a period had none', async () => {
    const page = await open('report?period=day&date=2026-11-18');
    const worst = page.locator('[data-testid=report] section', { hasText: 'Worst intervals' });
    await worst.locator('tbody tr').first().waitFor();
    // The 18th's one realtime interval: q1 at 09:00, 10 offered, 8 in 20 s.
    expect((await worst.locator('tbody tr td').allTextContents()).map((c) => c.trim())).toEqual(['Nov 18, 2026 09:00', 'Billing', '10', '80.0%', '0.0%']);
    await page.locator('[data-testid=report-date-previous]').click();
    await expect.poll(() => page.locator('[data-testid=report-no-worst]').textContent(), { timeout: 3000 }).toBe('No interval of this period had calls with a service level to rank.');
    expect(await worst.locator('table').count()).toBe(0);
    await page.close();
  });

  it('report: a deferred mailbox has no service level and stays out of the totals, in en and zh-TW', async () => {
    for (const [lang, within, missing] of [['en', 'answer within 24 hr', '–'], ['zh-TW', '24 小時內回覆', '–']]) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(`${server.base}/?lang=${lang}#/report?period=day&date=2026-11-18`);
      const mail = page.locator('[data-testid=report] table.figures tbody tr', { hasText: 'Mailbox' });
      await mail.waitFor();
      const cells = await mail.locator('td').allTextContents();
      expect(cells[0]).toContain(within);
      // Offered 4, handled 4, SL none, SL target none; ASA the mean answer time, 2 h.
      expect(cells.slice(1, 5).map((c) => c.trim())).toEqual(['4', '4', missing, missing]);
      await page.locator('[data-testid=report-deferred-note]').waitFor();
      // The total is the 10 calls of q1 alone: 8 of 10 in 20 s.
      const kpis = await page.locator('.kpi .value').allTextContents();
      expect(kpis[0]).toBe('80.0%');
      expect(kpis[4]).toBe('10');
      await page.close();
    }
  });

  it('keeps the intraday view inside a 1024 px screen (one column, no page-wide scroll)', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${server.base}/?lang=en#/intraday`);
    await page.locator('[data-testid=volume-chart]').waitFor();
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll).toBe(client);
    const panel = await page.locator('.wfm-layout > .charts').boundingBox();
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(1024);
    await page.close();
  });

  it('labels the intraday charts\' time axes on whole hours only, apart from each other, at 1366 and 1024 px', async () => {
    for (const width of [1366, 1024]) {
      const page = await browser.newPage({ viewport: { width, height: 768 } });
      await page.goto(`${server.base}/?lang=en#/intraday`);
      for (const chart of ['volume-chart', 'staff-chart']) {
        const hours = page.locator(`[data-testid=${chart}] text.hour`);
        await hours.first().waitFor();
        const labels = await hours.allTextContents();
        expect(labels.length, `${chart} at ${width}`).toBeGreaterThanOrEqual(8);
        expect(labels.filter((l) => !/^\d\d:00$/.test(l)), `${chart} at ${width}`).toEqual([]);
        // Readable: each label ends at least 8 px before the next begins.
        const boxes = await hours.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
        for (let i = 1; i < boxes.length; i++) expect(boxes[i].left - boxes[i - 1].right, `${chart} at ${width}: ${labels[i]}`).toBeGreaterThanOrEqual(8);
      }
      await page.close();
    }
  });

  it('heads the report\'s abandon percentages "Abandon rate" (放棄率), by queue and in the worst intervals', async () => {
    for (const [lang, words] of [['en', 'Abandon rate'], ['zh-TW', '放棄率']] as const) {
      const page = await open('report', lang);
      await page.locator('[data-testid=report] table.figures').first().waitFor();
      const heads = await page.locator('[data-testid=report] table.figures thead').allTextContents();
      // The by-queue table and the worst intervals show the abandon share as a percentage.
      expect(heads.filter((h) => h.includes(words)), lang).toHaveLength(2);
      expect(heads.join(' '), lang).not.toMatch(/Abandoned/);
      await page.close();
    }
  });

  it('breaks the zh-TW intraday headers only between words, none wider than its column, at 1366 px', async () => {
    const page = await open('intraday', 'zh-TW');
    await page.locator('[data-testid=intraday-table]').waitFor();
    // Per header: its width overflow, and each line break as the text before and after it (a
    // break is where the next character's box starts a new line).
    const heads = await page.locator('[data-testid=intraday-table] thead th').evaluateAll((ths) =>
      ths.map((th) => {
        const node = th.firstChild!;
        const text = node.textContent ?? '';
        const tops = [...text].map((_, i) => {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          return r.getBoundingClientRect().top;
        });
        const breaks = tops.flatMap((top, i) => (i > 0 && top > tops[i - 1] + 2 ? [[text.slice(0, i), text.slice(i)]] : []));
        return { text, overflow: th.scrollWidth - th.clientWidth, breaks };
      }),
    );
    expect(heads.length).toBe(16);
    expect(heads.filter((h) => h.overflow > 0).map((h) => h.text)).toEqual([]);
    // A break right after a U+200B or a space is between words; anything else splits one.
    const midWord = heads.flatMap((h) => h.breaks.filter(([before]) => !/[\u200b ]$/.test(before)).map(([a, b]) => `${a}|${b}`.replace(/\u200b/g, '')));
    expect(midWord).toEqual([]);
    expect(heads.some((h) => h.breaks.length > 0)).toBe(true); // some do wrap, so the check above checked something
    await page.close();
  });

  it('names the day buttons in Traditional Chinese', async () => {
    const page = await open('intraday', 'zh-TW');
    await page.locator('[data-testid=intraday-table]').waitFor();
    expect(await page.locator('[data-testid=intraday-date-previous]').getAttribute('aria-label')).toBe('前一天');
    expect(await page.locator('[data-testid=intraday-date-next]').getAttribute('aria-label')).toBe('後一天');
    await page.close();
  });
});
