import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();
/** Where to save screenshots of what the test sees (set SCREENS_DIR to keep them). */
const SCREENS = process.env.SCREENS_DIR;

describe.runIf(run)('chat slots on the wallboard', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    // The simulated floor at 10:40 Taipei: Jade Loans (chat) is busy, its agents hold several chats each.
    server = await startServer({ SIMULATOR: 'on' }, Date.parse('2026-11-20T10:40:00+08:00'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, chat] of [['en', 'Chat'], ['zh-TW', '文字客服']] as const) {
    it(`shows each chat agent's slots in use of three (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      try {
        await page.goto(`${server.base}/?lang=${lang}#/`);
        await page.locator('[data-testid=tenant-filter]').selectOption('jade-bank');
        const chip = page.locator('[data-testid=agent-slots] .slot', { hasText: chat });
        await chip.first().waitFor();
        const texts = await chip.allTextContents();
        for (const t of texts) expect(t).toMatch(new RegExp(`^${chat} [0-3]/3$`));
        // The simulated floor has chat agents holding more than one chat at once.
        expect(texts.some((t) => /[23]\/3$/.test(t)), texts.join(' | ')).toBe(true);
        // The chat queue's tile sums the slots of its ready agents; every chat open holds an agent on a contact.
        const loans = page.locator('[data-queue=jade-loans]');
        const slots = (await loans.locator('[data-testid=queue-slots]').textContent()) ?? '';
        const [, inUse, capacity] = slots.match(/^(\d+)\/(\d+)/) ?? [];
        expect(slots).toMatch(new RegExp(`^\\d+/\\d+${chat}`));
        const onContact = Number.parseInt((await loans.locator('[data-testid=agents-on-contact]').textContent()) ?? '', 10);
        expect(Number(inUse)).toBeGreaterThan(0);
        expect(onContact * 3, `${onContact} on contact, ${inUse}/${capacity} slots`).toBeGreaterThanOrEqual(Number(inUse));
        await expect(page.locator('[data-queue=jade-cards] [data-testid=queue-slots]').count()).resolves.toBe(0);
        if (SCREENS) {
          await page.screenshot({ path: `${SCREENS}/capacity-${lang}-tiles.png` });
          await page.locator('[data-testid=agent-board]').scrollIntoViewIfNeeded();
          await page.locator('[data-testid=agent-board]').evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'end' }));
          await page.screenshot({ path: `${SCREENS}/capacity-${lang}-board.png` });
        }
      } finally {
        await page.close();
      }
    });
  }
});

describe.runIf(run)('a chat tile full of chats, and a voice tile beside it (hand-written events)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    const events: Record<string, unknown>[] = [];
    // Four chat agents of three slots, each holding three chats; a thirteenth chat waits.
    for (const a of ['c1', 'c2', 'c3', 'c4']) {
      events.push(ev('agent.login', '09:20:00', { agentId: a, queues: ['web-chat'], state: 'available', capacity: { chat: 3 } }));
      for (let i = 1; i <= 3; i++) {
        events.push(ev('call.queued', `09:2${i}:00`, { callId: `${a}-${i}`, queueId: 'web-chat', channel: 'chat' }));
        events.push(ev('call.answered', `09:2${i}:10`, { callId: `${a}-${i}`, queueId: 'web-chat', agentId: a }));
      }
    }
    events.push(ev('call.queued', '09:30:00', { callId: 'chat-13', queueId: 'web-chat', channel: 'chat' }));
    // Phones: p1 idle, p2 (phones and chat) on one chat, p3 talking; two calls wait.
    events.push(ev('agent.login', '09:20:00', { agentId: 'p1', queues: ['phones'], state: 'available' }));
    events.push(ev('agent.login', '09:20:00', { agentId: 'p2', queues: ['phones', 'web-chat'], state: 'available', capacity: { voice: 1, chat: 3 } }));
    events.push(ev('agent.login', '09:20:00', { agentId: 'p3', queues: ['phones'], state: 'available' }));
    events.push(ev('call.queued', '09:25:00', { callId: 'p2-chat', queueId: 'web-chat', channel: 'chat' }));
    events.push(ev('call.answered', '09:25:05', { callId: 'p2-chat', queueId: 'web-chat', agentId: 'p2' }));
    events.push(ev('call.queued', '09:28:00', { callId: 'v1', queueId: 'phones' }));
    events.push(ev('call.answered', '09:28:05', { callId: 'v1', queueId: 'phones', agentId: 'p3' }));
    events.push(ev('call.queued', '09:30:40', { callId: 'v2', queueId: 'phones' }));
    events.push(ev('call.queued', '09:30:50', { callId: 'v3', queueId: 'phones' }));
    expect((await server.post('/api/v1/events', ndjson(events))).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, words] of [
    ['en', { avail: 'avail', onContact: 'on contact', slots: 'Chat slots in use' }],
    ['zh-TW', { avail: '可接聽', onContact: '服務中', slots: '文字客服同時服務已用' }],
  ] as const) {
    it(`shows five agents on a contact beside 13 of 15 chat slots, none available, and the blended agent on a contact on the phones (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${server.base}/?lang=${lang}#/`);
        const chat = page.locator('[data-queue=web-chat]');
        const chip = (tile: typeof chat, id: string) => tile.locator(`[data-testid=${id}]`).textContent();
        await expect.poll(() => chip(chat, 'queue-slots')).toBe(`13/15${words.slots}`);
        // c1-c4 three chats each and p2 one: 13 open of 4 x 3 + 3 offered; all five agents on a contact, none available.
        expect(await chip(chat, 'agents-on-contact')).toBe(`5${words.onContact}`);
        expect(await chip(chat, 'agents-available')).toBe(`0${words.avail}`);
        expect(await chat.locator('[data-testid=waiting]').textContent()).toBe('1');
        // Phones: two calls wait; p1 alone is available (p2 holds a chat, p3 is talking).
        const phones = page.locator('[data-queue=phones]');
        expect(await phones.locator('[data-testid=waiting]').textContent()).toBe('2');
        expect(await chip(phones, 'agents-available')).toBe(`1${words.avail}`);
        expect(await chip(phones, 'agents-on-contact')).toBe(`2${words.onContact}`);
        // A supervisor hovering the chips reads what they count.
        expect(await phones.locator('[data-testid=agents-available]').getAttribute('title')).toMatch(lang === 'en' ? /no call, chat or email open/ : /沒有進行中的通話、文字客服或電子郵件/);
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/slots-hand-${lang}.png` });
      } finally {
        await page.close();
      }
    });
  }
});
