import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { campaignExample } from '../helpers/campaign-example.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

// The worked outbound example (test/helpers/campaign-example.ts) on 2026-11-20: campaign
// `survey` of tenant jade, 10 attempts, 4 contacts, 2 successes (d1 and d8) counted by hand.
describe.runIf(run)("the client report's outbound campaign, in headless Chromium", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({}, Date.parse('2026-11-20T11:30:00+08:00'));
    server.floor.engine.addQueue(makeQueueConfig('survey', 'jade', { name: 'Survey' }));
    await server.post('/api/v1/events', ndjson(campaignExample()));
    // 12:00 closes an interval: history gets the campaign's hours.
    server.clock.now = Date.parse('2026-11-20T12:00:01+08:00');
    for (let i = 0; i < 50 && (await server.get('/api/v1/reports/jade?period=day&date=2026-11-20')).body.current.billable.successfulOutbound !== 2; i++) await new Promise((r) => setTimeout(r, 100));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('bills 2 successful outbound contacts and shows the survey queue as outbound, with no SL target', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.base}/?lang=en#/report?tenant=jade&period=day&date=2026-11-20`);
    const row = page.locator('[data-testid=report] table.figures tbody tr', { hasText: 'Survey' });
    await expect.poll(() => row.locator('[data-testid=report-outbound]').textContent(), { timeout: 5000 }).toBe('outbound campaign: 10 attempts, 4 contacts, 2 successes');
    // SL and SL target: none ("–"), not 0% against 80%.
    const cells = await row.locator('td').allTextContents();
    expect(cells[3]).toBe('–');
    expect(cells[4]).toBe('–');
    // Intervals meeting target: none measured, so none to count ("–", not "0 / 0").
    expect(cells.at(-1)).toBe('–');
    // No queue of the total measured an interval: its share of intervals meeting target is no data, not "0 / 0".
    expect(await page.locator('[data-testid=report-kpi-intervals] .value').textContent()).toBe('–');
    const billed = page.locator('[data-testid=report] table.figures tbody tr', { hasText: 'Successful outbound contacts' });
    expect((await billed.locator('td').allTextContents()).slice(1, 2)).toEqual(['2']);
    await page.close();
  });
});
