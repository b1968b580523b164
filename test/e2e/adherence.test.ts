import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AdherenceReport } from '../../server/protocol/adherence.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

const run = browserAvailable();

describe.runIf(run)('adherence with the simulator, in headless Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let lateBack: string[];

  beforeAll(async () => {
    // The simulated floor at 16:00 Taipei, its day played up to then (seed 42, deterministic).
    server = await startServer({ SIMULATOR: 'on' }, Date.parse('2026-11-20T16:00:00+08:00'));
    const report = (await server.get('/api/v1/adherence')).body as AdherenceReport;
    lateBack = report.agents.filter((a) => a.exceptions.some((e) => e.scheduled.startsWith('phone') && /aux:(break|lunch|training)/.test(e.actual) && e.seconds > 180)).map((a) => a.agentId);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(`${server.base}/#/adherence`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds agents the simulator made late back from a break', () => {
    expect(lateBack.length).toBeGreaterThanOrEqual(2);
  });

  it('draws their exceptions on the timeline, with adherence beside each name', async () => {
    await page.locator('[data-testid=adherence-timeline]').waitFor();
    for (const agentId of lateBack) {
      const row = page.locator(`[data-testid=adherence-row][data-agent="${agentId}"]`);
      expect(await row.locator('[data-testid=adherence-exception]').count()).toBeGreaterThanOrEqual(1);
      expect(await row.textContent()).toMatch(/adh \d+\.\d%/);
    }
    await page.screenshot({ path: '/tmp/floorboard-adherence.png', fullPage: true });
  });

  it('shows the adherence tile on the wallboard', async () => {
    await page.goto(`${server.base}/#/`);
    const tile = page.locator('[data-testid=adherence-tile]');
    await tile.waitFor();
    expect(await tile.textContent()).toMatch(/acme-team\s*\d+\.\d%/);
    expect(Number(await tile.locator('[data-testid=out-of-adherence]').textContent())).toBeGreaterThanOrEqual(0);
  });
});
