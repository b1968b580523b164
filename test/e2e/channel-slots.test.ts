import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();
/** Where to save screenshots of what the test sees (set SCREENS_DIR to keep them). */
const SCREENS = process.env.SCREENS_DIR;

/**
 * A fresh server (its clock at 09:31) fed `events`, and a browser, for the describe block that
 * calls it; read `server` and `browser` off the answer once the block's tests run.
 */
function handWrittenFloor(events: () => Record<string, unknown>[]) {
  const floor = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    floor.server = await startServer();
    expect((await floor.server.post('/api/v1/events', ndjson(events()))).status).toBe(200);
    floor.browser = await launchChromium();
  });
  afterAll(async () => {
    await floor.browser?.close();
    await floor.server?.stop();
  });
  return floor;
}

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
  const floor = handWrittenFloor(() => {
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
    return events;
  });

  for (const [lang, words] of [
    ['en', { avail: 'avail', onContact: 'on contact', slots: 'Chat slots in use' }],
    ['zh-TW', { avail: '可接聽', onContact: '服務中', slots: '文字客服同時服務已用' }],
  ] as const) {
    it(`shows five agents on a contact beside 13 of 15 chat slots, none available, and the blended agent on a contact on the phones (${lang})`, async () => {
      const page = await floor.browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${floor.server.base}/?lang=${lang}#/`);
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

describe.runIf(run)('the agent board agrees with the chat tile beside it (hand-written events)', () => {
  // The wall clock (and so the engine's) stands at 09:31:00.
  const floor = handWrittenFloor(() => {
    const login = (agentId: string, queues: string[], state: string, extra: Record<string, unknown> = {}) =>
      ev('agent.login', '09:20:00', { agentId, name: agentId.toUpperCase(), queues, state, capacity: { chat: 3 }, ...extra });
    const chat = (queueId: string, callId: string, agentId: string, at: string) => [
      ev('call.queued', at, { callId, queueId, channel: 'chat' }),
      ev('call.answered', at, { callId, queueId, agentId }),
    ];
    return [
      // s1 serves both chat queues and holds two chats of loans-chat; s2 one of cards-chat;
      // s3 had one of cards-chat, wrapped at 09:26; s4 is in a meeting. All but s4 `available` by voice.
      login('s1', ['loans-chat', 'cards-chat'], 'available'),
      login('s2', ['cards-chat'], 'available'),
      login('s3', ['cards-chat'], 'available'),
      login('s4', ['cards-chat'], 'aux', { reason: 'meeting' }),
      ...chat('loans-chat', 'k-a1', 's1', '09:21:10'),
      ...chat('loans-chat', 'k-a2', 's1', '09:22:10'),
      ...chat('cards-chat', 'k-b1', 's2', '09:23:10'),
      ...chat('cards-chat', 'k-b2', 's3', '09:24:10'),
      ev('call.ended', '09:25:50', { callId: 'k-b2', agentId: 's3' }),
      ev('call.wrapped', '09:26:00', { callId: 'k-b2', agentId: 's3' }),
    ];
  });

  for (const [lang, words] of [
    ['en', { avail: 'avail', onContact: 'on contact', available: 'Available', onChat: 'On chat/email', aux: 'Aux', own: '1 from this queue' }],
    ['zh-TW', { avail: '可接聽', onContact: '服務中', available: '可接聽', onChat: '文字/郵件服務中', aux: '暫離', own: '本佇列 1' }],
  ] as const) {
    it(`counts an agent available by voice with chats open on a contact, on the tile and the board alike (${lang})`, async () => {
      const page = await floor.browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${floor.server.base}/?lang=${lang}#/`);
        await page.locator('[data-testid=queue-filter]').selectOption({ label: 'cards-chat' });
        const tile = page.locator('[data-queue=cards-chat]');
        const chip = (id: string) => tile.locator(`[data-testid=${id}]`).textContent();
        // s3 free; s1 (loans-chat's chats) and s2 on chats; s4 in aux.
        await expect.poll(() => chip('agents-available')).toBe(`1${words.avail}`);
        expect(await chip('agents-on-contact')).toBe(`2${words.onContact}`);
        // s1 2 + s2 1 + s3 0 of 3 x 3 slots; only s2's chat is cards-chat's own.
        expect(await chip('queue-slots')).toMatch(/^3\/9/);
        expect(await chip('queue-slots-own')).toBe(words.own);

        const board = page.locator('[data-testid=agent-board]');
        const row = (id: string) => board.locator(`tr[data-agent=${id}]`);
        await row('s1').waitFor();
        const boardChip = async (s: string) => Number.parseInt((await page.locator(`[data-testid=board-chip-${s}] .count`).textContent()) ?? '', 10);
        // The board's chips: the tile's 1 avail, 2 on contact (0 talking, 0 on hold, 2 on chats), 1 aux.
        await expect.poll(() => boardChip('available')).toBe(1);
        expect([await boardChip('talking'), await boardChip('hold'), await boardChip('otherChannel'), await boardChip('aux')]).toEqual([0, 0, 2, 1]);
        expect(await row('s1').locator('[data-testid=agent-state]').textContent()).toBe(words.onChat);
        expect(await row('s3').locator('[data-testid=agent-state]').textContent()).toBe(words.available);
        // s1's two chats read as loans-chat's, on cards-chat's board.
        expect(await row('s1').locator('[data-testid=agent-queue]').textContent()).toBe('loans-chat 2');
        expect(await row('s1').locator('[data-testid=agent-slots]').textContent()).toMatch(/2\/3$/);
        // Time in state at 09:31:00 (the screen's clock runs on a few seconds between pushes): s1 on
        // chats since 09:21:10 (9:50); s3 free since its wrap at 09:26 (5:00), not since 09:20 (11:00).
        expect(await row('s1').locator('[data-testid=agent-time]').textContent()).toMatch(/^9:5\d$/);
        expect(await row('s3').locator('[data-testid=agent-time]').textContent()).toMatch(/^5:0\d$/);
        // Order: on chats by time in state (s1 09:21:10, s2 09:23:10), then available, then aux.
        expect(await board.locator('tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agent')))).toEqual(['s1', 's2', 's3', 's4']);
        if (SCREENS) {
          await page.screenshot({ path: `${SCREENS}/board-tile-${lang}-1366-full.png`, fullPage: true });
          await board.evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'end' }));
          await page.screenshot({ path: `${SCREENS}/board-${lang}-1366x768.png` });
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: `${SCREENS}/tile-${lang}-1366x768.png` });
        }

        // The Available chip alone shows s3 only, as the tile's 1 avail.
        for (const s of ['talking', 'hold', 'otherChannel', 'acw', 'aux']) await page.locator(`[data-testid=board-chip-${s}]`).click();
        await expect.poll(() => board.locator('tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agent')))).toEqual(['s3']);

        // loans-chat: s1 alone, 2 of 3, both its own (no "from this queue" figure).
        await page.locator('[data-testid=queue-filter]').selectOption({ label: 'loans-chat' });
        const loans = page.locator('[data-queue=loans-chat]');
        await expect.poll(() => loans.locator('[data-testid=queue-slots]').textContent()).toMatch(/^2\/3/);
        expect(await loans.locator('[data-testid=queue-slots-own]').count()).toBe(0);
        expect(await loans.locator('[data-testid=agents-available]').textContent()).toBe(`0${words.avail}`);
      } finally {
        await page.close();
      }
    });
  }
});

describe.runIf(run)('every state pill of the agent board whole at 1024 px (hand-written events)', () => {
  // One agent in each board state at 09:31:00: free, on a call, holding one, on a chat only, in after-call work, in a meeting.
  const floor = handWrittenFloor(() => {
    const login = (agentId: string, state = 'available', extra: Record<string, unknown> = {}) => ev('agent.login', '09:20:00', { agentId, name: agentId.toUpperCase(), queues: ['phones', 'web-chat'], state, capacity: { voice: 1, chat: 3 }, ...extra });
    const call = (callId: string, agentId: string, queueId = 'phones', channel = 'voice') => [ev('call.queued', '09:25:00', { callId, queueId, channel }), ev('call.answered', '09:25:05', { callId, queueId, agentId })];
    return [
      login('free'),
      login('talk'),
      login('hold'),
      login('chat'),
      login('wrap'),
      login('meet', 'aux', { reason: 'meeting' }),
      ...call('v-talk', 'talk'),
      ...call('v-hold', 'hold'),
      ev('call.held', '09:26:00', { callId: 'v-hold', agentId: 'hold' }),
      ...call('c-chat', 'chat', 'web-chat', 'chat'),
      ...call('v-wrap', 'wrap'),
      ev('call.ended', '09:30:00', { callId: 'v-wrap', agentId: 'wrap' }),
    ];
  });

  for (const [lang, labels] of [
    ['en', { free: 'Available', talk: 'Talking', hold: 'On hold', chat: 'On chat/email', wrap: 'After-call work', meet: 'Aux' }],
    ['zh-TW', { free: '可接聽', talk: '通話中', hold: '保留中', chat: '文字/郵件服務中', wrap: '話後處理', meet: '暫離' }],
  ] as const) {
    it(`shows "${labels.chat}" and "${labels.wrap}" whole in the state column, inside their cells (${lang})`, async () => {
      const page = await floor.browser.newPage({ viewport: { width: 1024, height: 768 } });
      try {
        await page.goto(`${floor.server.base}/?lang=${lang}#/`);
        const pills = page.locator('[data-testid=agent-board] tr [data-testid=agent-state]');
        await expect.poll(() => pills.count()).toBe(6);
        const shown = await pills.evaluateAll((ps) =>
          ps.map((p) => {
            const cell = p.parentElement!;
            const pad = parseFloat(getComputedStyle(cell).paddingRight);
            // How far the pill reaches past its cell's content box, and how much of its text is hidden (px).
            return { agent: p.closest('tr')!.getAttribute('data-agent')!, text: p.textContent, past: p.getBoundingClientRect().right - (cell.getBoundingClientRect().right - pad), hidden: p.scrollWidth - p.clientWidth };
          }),
        );
        for (const s of shown) {
          expect(s.text).toBe(labels[s.agent as keyof typeof labels]);
          expect(s.past, `${s.text} reaches past its cell`).toBeLessThanOrEqual(0.5);
          expect(s.hidden, `${s.text} is cut`).toBe(0);
        }
        if (SCREENS) await page.locator('[data-testid=agent-board]').evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'end' }));
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/board-pills-${lang}-1024.png` });
      } finally {
        await page.close();
      }
    });
  }
});
