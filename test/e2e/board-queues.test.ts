import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;

/** Four chat queues with long names, as a BPO names them; m1 serves all four. */
const QUEUES = ['loans-chat-premier-customers', 'cards-chat-lost-and-stolen', 'mortgage-chat-renewals', 'savings-chat-new-accounts'];

describe.runIf(run)("the agent board's Queue column for an agent on several queues' contacts", { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    const chat = (queueId: string, callId: string, at: string) => [ev('call.queued', at, { callId, queueId, channel: 'chat' }), ev('call.answered', at, { callId, queueId, agentId: 'm1' })];
    const events = [
      ev('agent.login', '09:20:00', { agentId: 'm1', name: 'Mei Lin', queues: QUEUES, state: 'available', capacity: { chat: 5 } }),
      // Two chats of the first queue, one of each other: on chats (otherChannel) with four queues' contacts.
      ...chat(QUEUES[0], 'k1', '09:21:00'),
      ...chat(QUEUES[0], 'k2', '09:22:00'),
      ...chat(QUEUES[1], 'k3', '09:23:00'),
      ...chat(QUEUES[2], 'k4', '09:24:00'),
      ...chat(QUEUES[3], 'k5', '09:25:00'),
    ];
    expect((await server.post('/api/v1/events', ndjson(events))).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, title] of [
    ['en', '3 more queues: cards-chat-lost-and-stolen 1, mortgage-chat-renewals 1, savings-chat-new-accounts 1'],
    ['zh-TW', '另有 3 個佇列：cards-chat-lost-and-stolen 1、mortgage-chat-renewals 1、savings-chat-new-accounts 1'],
  ] as const) {
    for (const width of [1366, 1024]) {
      it(`shows the first queue and a "+3" badge naming the rest, the badge whole inside its cell (${lang}, ${width} px)`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 768 } });
        try {
          await page.goto(`${server.base}/?lang=${lang}#/`);
          const cell = page.locator('[data-testid=agent-board] tr[data-agent=m1] [data-testid=agent-queue]');
          await cell.waitFor();
          expect(await cell.locator('.first').textContent()).toBe(`${QUEUES[0]} 2`);
          const more = cell.locator('[data-testid=agent-queue-more]');
          expect(await more.textContent()).toBe('+3');
          expect(await more.getAttribute('title')).toBe(title);
          expect(await more.getAttribute('aria-label')).toBe(title);
          // The badge lies inside the cell (px): the first name gives way, never the count.
          const box = await cell.evaluate((td) => {
            const c = td.getBoundingClientRect();
            const b = td.querySelector('[data-testid=agent-queue-more]')!.getBoundingClientRect();
            return { inside: b.left >= c.left && b.right <= c.right + 0.5, width: b.width };
          });
          expect(box.inside).toBe(true);
          expect(box.width).toBeGreaterThan(10);
          if (SCREENS) {
            await page.locator('[data-testid=agent-board]').scrollIntoViewIfNeeded();
            await page.screenshot({ path: `${SCREENS}/board-queues-${lang}-${width}.png` });
          }
        } finally {
          await page.close();
        }
      });
    }
  }
});
