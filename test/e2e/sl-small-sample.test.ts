import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

/** Call `i` of q1, queued at 09:(2i):00 and answered by a1 after 30 s: outside the 20 s threshold. */
function lateCall(i: number): Record<string, unknown>[] {
  const at = (s: number) => `09:${String(i * 2).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return [
    ev('call.queued', at(0), { callId: `c${i}`, queueId: 'q1' }),
    ev('call.answered', at(30), { callId: `c${i}`, queueId: 'q1', agentId: 'a1' }),
    ev('call.ended', at(50), { callId: `c${i}`, agentId: 'a1' }),
    ev('call.wrapped', at(55), { callId: `c${i}`, agentId: 'a1' }),
  ];
}

describe.runIf(run)('a service level over a handful of calls on the wallboard tile', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  const figure = () => page.locator('[data-testid=queue-tile][data-queue=q1] [data-testid=sl-interval]');
  /** The span that carries the figure's colour class, around the figure and its call count (a line of its own, so no space between). */
  const coloured = () => figure().locator('..');

  beforeAll(async () => {
    // The wall clock inside the 09:00-09:30 interval the calls fall in.
    server = await startServer({}, Date.parse('2026-11-20T09:20:00+08:00'));
    await server.post('/api/v1/events', ndjson([ev('agent.login', '08:55:00', { agentId: 'a1', state: 'available', queues: ['q1'] }), ...lateCall(0)]));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('writes one slow call of one as "0%" over "1 call", neutral, in English and Chinese', async () => {
    await page.goto(server.base + '/?lang=en');
    await expect.poll(() => coloured().textContent()).toBe('0%1 call');
    expect(await coloured().getAttribute('class')).toContain('none');
    expect(await coloured().getAttribute('class')).not.toMatch(/\b(red|amber)\b/);
    await page.goto(server.base + '/?lang=zh-TW');
    await expect.poll(() => coloured().textContent()).toBe('0%1 通');
  });

  it('colours the figure red, without a count, from the tenth call', async () => {
    await page.goto(server.base + '/?lang=en');
    await server.post('/api/v1/events', ndjson(Array.from({ length: 8 }, (_, i) => lateCall(i + 1)).flat()));
    await expect.poll(() => coloured().textContent()).toBe('0%9 calls');
    expect(await coloured().getAttribute('class')).toContain('none');
    await server.post('/api/v1/events', ndjson(lateCall(9)));
    await expect.poll(() => coloured().textContent()).toBe('0%');
    expect(await coloured().getAttribute('class')).toContain('red');
  });
});
