import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { lateCall } from '../helpers/late-call.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

describe.runIf(run)('a service level over a handful of calls on the wallboard tile', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  /**
   * The span that carries a figure's colour class, around the figure and its call count (a line of
   * its own, so no space between): this interval's, or today's. The calls are the day's first, so
   * both count the same ones.
   */
  const coloured = (which: 'sl-interval' | 'sl-today' = 'sl-interval') => page.locator(`[data-testid=queue-tile][data-queue=q1] [data-testid=${which}]`).locator('..');

  beforeAll(async () => {
    // The wall clock inside the 09:00-09:30 interval the calls fall in.
    server = await startServer({}, Date.parse('2026-11-20T09:20:00+08:00'));
    await server.post('/api/v1/events', ndjson([ev('agent.login', '08:55:00', { agentId: 'a1', state: 'available', queues: ['q1'] }), ...lateCall('09', 0)]));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('writes one slow call of one as "0%" over "1 call", neutral, this interval and today, in English and Chinese', async () => {
    await page.goto(server.base + '/?lang=en');
    for (const which of ['sl-interval', 'sl-today'] as const) {
      await expect.poll(() => coloured(which).textContent()).toBe('0%1 call');
      expect(await coloured(which).getAttribute('class')).toContain('none');
      expect(await coloured(which).getAttribute('class')).not.toMatch(/\b(red|amber)\b/);
    }
    await page.goto(server.base + '/?lang=zh-TW');
    for (const which of ['sl-interval', 'sl-today'] as const) await expect.poll(() => coloured(which).textContent()).toBe('0%1 通');
  });

  it('colours the figures red, without a count, from the tenth call', async () => {
    await page.goto(server.base + '/?lang=en');
    await server.post('/api/v1/events', ndjson(Array.from({ length: 8 }, (_, i) => lateCall('09', i + 1)).flat()));
    for (const which of ['sl-interval', 'sl-today'] as const) {
      await expect.poll(() => coloured(which).textContent()).toBe('0%9 calls');
      expect(await coloured(which).getAttribute('class')).toContain('none');
    }
    await server.post('/api/v1/events', ndjson(lateCall('09', 9)));
    for (const which of ['sl-interval', 'sl-today'] as const) {
      await expect.poll(() => coloured(which).textContent()).toBe('0%');
      expect(await coloured(which).getAttribute('class')).toContain('red');
    }
  });
});
