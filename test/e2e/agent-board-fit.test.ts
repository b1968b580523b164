import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;

/**
 * At 09:31: "blend" serves calls and emails and holds an email (chips Voice 0/1, Email 1/1),
 * "chats" calls and chats with two chats open (Voice 0/1, Chat 2/3), "all3" calls, chats and
 * emails with one of each open but the call (three chips); "coach" has been in Aux for coaching
 * since 08:20 (1:11:00 in state); "talk" is on a call.
 */
function floorEvents(): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const login = (agentId: string, name: string, queues: string[], capacity?: Record<string, number>) =>
    events.push(ev('agent.login', '08:00:00', { agentId, name, queues, state: 'available', ...(capacity ? { capacity } : {}) }));
  const serve = (callId: string, queueId: string, channel: string, agentId: string, at: string) => {
    events.push(ev('call.queued', `${at}:00`, { callId, queueId, ...(channel === 'voice' ? {} : { channel }) }));
    events.push(ev('call.answered', `${at}:05`, { callId, queueId, agentId }));
  };
  login('blend', 'Chang Hsiu-ying', ['jade-survey-outbound', 'email'], { voice: 1, email: 1 });
  login('chats', 'Tsai Hsiu-ying', ['jade-survey-outbound', 'web-chat'], { voice: 1, chat: 3 });
  login('all3', 'Cheng Chih-hao', ['jade-survey-outbound', 'web-chat', 'email'], { voice: 1, chat: 3, email: 1 });
  login('coach', 'Kuo Chia-yi', ['jade-survey-outbound']);
  login('talk', 'Lin Mei-ling', ['jade-survey-outbound']);
  events.push(ev('agent.state', '08:20:00', { agentId: 'coach', state: 'aux', reason: 'coaching' }));
  serve('m1', 'email', 'email', 'blend', '09:10');
  serve('c1', 'web-chat', 'chat', 'chats', '09:11');
  serve('c2', 'web-chat', 'chat', 'chats', '09:12');
  serve('c3', 'web-chat', 'chat', 'all3', '09:13');
  serve('m2', 'email', 'email', 'all3', '09:14');
  serve('v1', 'jade-survey-outbound', 'voice', 'talk', '09:20');
  return events;
}

/** What a cell shows and whether any of it is cut or wrapped, for every row and header of the board. */
async function boardBoxes(page: Page) {
  return page.locator('section.board').evaluate((board) => {
    const shown = (el: Element) => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden';
    /** Line boxes of an element's text: more than one is a wrap. */
    const lines = (el: Element) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
    };
    const whole = (el: Element) => el.scrollWidth <= el.clientWidth && lines(el) <= 1;
    const heads = [...board.querySelectorAll('.thead span')].filter(shown).map((s) => ({ text: s.textContent, whole: whole(s) }));
    const rows = [...board.querySelectorAll('tr[data-agent]')].map((tr) => {
      const cell = (sel: string) => tr.querySelector(sel)!;
      const slots = cell('[data-testid=agent-slots]');
      const pad = Number.parseFloat(getComputedStyle(slots).paddingRight);
      const right = slots.getBoundingClientRect().right - pad;
      const chips = [...slots.querySelectorAll('.slot')];
      const badge = slots.querySelector('[data-testid=agent-slots-more]');
      const reason = [...tr.querySelectorAll('[data-testid=agent-reason], [data-testid=agent-state-reason]')].filter((e) => shown(e) && e.textContent);
      return {
        agent: tr.getAttribute('data-agent'),
        // Text cells that must read whole: name, state pill, time in state, queue, handled.
        cut: ['td.name', '[data-testid=agent-state]', '[data-testid=agent-time]', '[data-testid=agent-queue] .first', 'td:last-child'].filter((sel) => !whole(cell(sel))),
        reasons: reason.map((e) => ({ text: e.textContent, whole: whole(e) })),
        chips: chips.length,
        seen: chips.filter(shown).map((c) => ({ text: c.textContent, inside: c.getBoundingClientRect().right <= right + 0.5 })),
        badge: badge && shown(badge) ? { text: badge.textContent, title: badge.getAttribute('title') ?? '', inside: badge.getBoundingClientRect().right <= right + 0.5 } : null,
      };
    });
    return { heads, rows, pageScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
}

describe.runIf(run)('the agent board reads whole at 1024, 1366 and 1920 px, in headless Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    expect((await server.post('/api/v1/events', ndjson(floorEvents()))).status).toBe(200);
    browser = await launchChromium();
    if (SCREENS) mkdirSync(SCREENS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, words] of [
    ['en', { coaching: 'Coaching', email: 'Email: 1 of 1' }],
    ['zh-TW', { coaching: '輔導', email: '電子郵件：1 個服務量中 1 個' }],
  ] as const) {
    for (const width of [1024, 1366, 1920]) {
      it(`shows every header on one line, no cell cut, two chips whole and a "+N" for chips with no room (${lang}, ${width} px)`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        try {
          await page.goto(`${server.base}/?lang=${lang}#/`);
          await page.locator('tr[data-agent=all3] .slot').first().waitFor();
          await expect.poll(() => page.locator('tr[data-agent]').count()).toBe(5);
          // The chips are fitted once a ResizeObserver reports the cell's width, at a frame: let two pass.
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          const b = await boardBoxes(page);
          const row = (agent: string) => b.rows.find((r) => r.agent === agent)!;
          expect(b.pageScroll).toBe(0);
          for (const h of b.heads) expect(h.whole, `header ${h.text}`).toBe(true);
          for (const r of b.rows) {
            expect(r.cut, r.agent!).toEqual([]);
            for (const c of r.seen) expect(c.inside, `${r.agent} ${c.text}`).toBe(true);
            if (r.badge) expect(r.badge.inside, `${r.agent} ${r.badge.text}`).toBe(true);
            // Every chip is seen or counted in the badge.
            expect(r.seen.length + (r.badge ? Number(r.badge.text.slice(1)) : 0), r.agent!).toBe(r.chips);
          }
          // Two channels fit whole at every width: the second chip is never cut or hidden.
          for (const agent of ['blend', 'chats']) expect([row(agent).seen.length, row(agent).badge], agent).toEqual([2, null]);
          const all3 = row('all3');
          expect(all3.chips).toBe(3);
          if (width === 1920) expect(all3.badge).toBeNull();
          if (width === 1024) {
            // 1024 px has room for two chips (or one in zh-TW's longer words); the email is behind "+1" at least, named in its tooltip.
            expect(all3.badge?.text).toMatch(/^\+[12]$/);
            expect(all3.badge?.title).toContain(words.email);
          }
          // Agent, state, time in state, queue, slots, handled, and reason where there is room for a column of its own.
          expect(b.heads.length).toBe(width === 1024 ? 6 : 7);
          // The reason reads whole: in its column, or after the state pill when the column has gone.
          expect(row('coach').reasons).toEqual([{ text: words.coaching, whole: true }]);
          if (SCREENS) await page.locator('section.board').screenshot({ path: `${SCREENS}/agent-board-${lang}-${width}.png` });
        } finally {
          await page.close();
        }
      }, 60_000);
    }
  }
});
