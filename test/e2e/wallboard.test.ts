import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { workedExample } from '../helpers/worked-example.ts';

const run = browserAvailable();

describe.runIf(run)('wallboard in headless Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    await server.post('/api/v1/events', ndjson(workedExample));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.base + '/');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders a tile per queue with the live numbers', async () => {
    const tile = page.locator('[data-testid=queue-tile][data-queue=q1]');
    await tile.waitFor();
    await expect.poll(() => tile.locator('[data-testid=waiting]').textContent()).toBe('1');
    expect(await tile.locator('[data-testid=sl-today]').textContent()).toBe('50%');
    expect(await tile.locator('[data-testid=asa]').textContent()).toBe('20s');
    expect(await tile.locator('[data-testid=aht]').textContent()).toBe('4:40');
    expect(await page.locator('[data-testid=connection]').textContent()).toContain('Live');
  });

  it('changes a number on screen when an event is posted', async () => {
    const waiting = page.locator('[data-testid=queue-tile][data-queue=q1] [data-testid=waiting]');
    await server.post('/api/v1/events', ndjson([ev('call.queued', '09:30:20', { callId: 'e2e-1', queueId: 'q1' })]));
    await expect.poll(() => waiting.textContent(), { timeout: 2000 }).toBe('2');
  });

  it('shows a queue first seen in an event as a new tile', async () => {
    await server.post('/api/v1/events', ndjson([ev('call.queued', '09:30:25', { callId: 'e2e-2', queueId: 'brand-new' })]));
    await page.locator('[data-testid=queue-tile][data-queue=brand-new]').waitFor({ timeout: 2000 });
  });

  it('explains a service level with the counts of every formula', async () => {
    await page.locator('[data-testid=queue-tile][data-queue=q1] [data-testid=sl-today]').click();
    const dialog = page.locator('[data-testid=sl-explain]');
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain('= 2 / 4'); // answeredInSL / (answered + abandoned − short)
    expect(text).toContain('= 3 / 5'); // abandonsInSlMet
    // The call posted above is still waiting: offered is now 8, so offeredBased is 2 / (8 − 1 − 1).
    expect(text).toContain('= 2 / 6');
    expect(text).toContain('66.7%'); // answeredOnly
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('draws the interval chart with labelled axes', async () => {
    const chart = page.locator('[data-testid=interval-chart]');
    await chart.waitFor();
    const text = await chart.textContent();
    expect(text).toContain('Calls offered');
    expect(text).toContain('Service level');
    expect(text).toContain('Interval start (centre time)');
    expect(await chart.locator('rect.bar').count()).toBe(48);
  });

  it('lists agents with state and time in state', async () => {
    const board = page.locator('[data-testid=agent-board]');
    await expect.poll(() => board.locator('tbody tr').count()).toBe(2);
    expect(await board.textContent()).toContain('Available');
  });

  it('sizes the agent board to its rows, and says so when a search matches none', async () => {
    const scroll = page.locator('[data-testid=agent-board-scroll]');
    // Two agents: two rows of 32 px, not the 480 px the board scrolls within on a big floor.
    await expect.poll(() => scroll.evaluate((el) => el.getBoundingClientRect().height)).toBe(64);
    await page.locator('[data-testid=board-search]').fill('nobody-by-this-name');
    const empty = page.locator('[data-testid=agent-board-empty]');
    await empty.waitFor({ timeout: 3000 });
    expect(await empty.textContent()).toBe('No agents match these filters.');
    expect(await scroll.evaluate((el) => el.getBoundingClientRect().height)).toBe(32);
    // Nothing below the message to scroll to (a scrollbar in a one-line box).
    expect(await scroll.evaluate((el) => el.scrollHeight - el.clientHeight)).toBe(0);
    // No "rows 0–0 of 0" under the message: the message says it.
    expect(await page.locator('.board .range').count()).toBe(0);
    // Every message the board shows from here on is recorded: while the unfiltered page is on its
    // way, the empty result on screen is still the search's, never "nobody is logged in".
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { boardMessages: string[] }).boardMessages = seen;
      const box = document.querySelector('[data-testid=agent-board-scroll]')!;
      new MutationObserver(() => {
        const text = box.querySelector('[data-testid=agent-board-empty]')?.textContent;
        if (text) seen.push(text);
      }).observe(box, { subtree: true, childList: true, characterData: true });
    });
    await page.locator('[data-testid=board-search]').fill('');
    await expect.poll(() => page.locator('[data-testid=agent-board] tbody tr').count()).toBe(2);
    expect(await empty.count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { boardMessages: string[] }).boardMessages)).not.toContain('No agents are logged in.');
  });
});
