import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

describe.runIf(run)("the agent board's count", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    // 1,200 agents logged in: the count is grouped as every other count on the page is.
    const logins = Array.from({ length: 1200 }, (_, n) => ev('agent.login', '08:00:00', { agentId: `a${n}`, name: `Agent ${n}`, queues: ['q1'], state: 'available' }));
    expect((await server.post('/api/v1/events', ndjson(logins))).status).toBe(200);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reads "Agents (1,200)", not "(1200)", beside "rows 1–15 of 1,200"', async () => {
    await page.goto(server.base + '/');
    await page.waitForFunction(() => document.querySelector('.board .range')?.textContent === 'rows 1–15 of 1,200', undefined, { timeout: 10_000 });
    expect(await page.locator('.board h2').textContent()).toBe('Agents (1,200)');
  });
});
