import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

/**
 * 60 agents logged in at 08:00: a01-a40 available, a41-a60 on a break. The board's box shows 15
 * rows of 32 px (480 px), so scrolled to its end it shows rows 46-60 (scrollTop 60 x 32 - 480 = 1440).
 */
function floorEvents(): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (let n = 1; n <= 60; n++) {
    const agentId = `a${String(n).padStart(2, '0')}`;
    events.push(ev('agent.login', '08:00:00', { agentId, name: `Agent ${agentId}`, queues: ['q1'], state: n <= 40 ? 'available' : 'aux', ...(n <= 40 ? {} : { reason: 'break' }) }));
  }
  return events;
}

/** What the board's box shows: its scroll offset, the range line, and the agents of the rows in view. */
function shown(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid=agent-board-scroll]')!;
    const r = box.getBoundingClientRect();
    const inView = [...box.querySelectorAll('tbody tr')].filter((tr) => {
      const t = tr.getBoundingClientRect();
      return t.bottom > r.top + 1 && t.top < r.bottom - 1;
    });
    return { scrollTop: box.scrollTop, range: document.querySelector('.board .range')?.textContent ?? '', rows: inView.length, first: (inView[0] as HTMLElement | undefined)?.dataset.agent ?? null };
  });
}

describe.runIf(run)('agent board scrolled, then filtered, and its state chips', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    await server.post('/api/v1/events', ndjson(floorEvents()));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.base + '/');
    await page.waitForFunction(() => document.querySelector('.board .range')?.textContent === 'rows 1–15 of 60', undefined, { timeout: 5000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /**
   * Moves the server's wall clock 5 s on: the socket's requests (10 at once, then 2 a second on
   * that clock, which stands still in tests) are all allowed again after the tests before.
   */
  function rest(): void {
    server.clock.now += 5000;
  }

  /** Scrolls the box to its end and waits until rows 46-60 are drawn in it. */
  async function scrollToEnd(total: number): Promise<void> {
    const box = page.locator('[data-testid=agent-board-scroll]');
    // From the top first, so the move to the end is a scroll even where the box was left there.
    await box.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(async () => (await shown(page)).range).toBe(`rows 1–15 of ${total}`);
    await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await shown(page)).range).toBe(`rows ${total - 14}–${total} of ${total}`);
    expect((await shown(page)).rows).toBe(15);
  }

  it('starts again from the top, box and rows, when a filter keeps the count (it showed no row)', async () => {
    await scrollToEnd(60);
    // Offline is off by default and nobody is offline: the same 60 agents, the same 1,920 px to scroll.
    await page.locator('[data-testid=board-chip-offline]').click();
    // Before: the range said rows 1-15 while the box stayed at 1,440 px over rows 1-95 drawn from 0: empty.
    await expect.poll(() => shown(page)).toEqual({ scrollTop: 0, range: 'rows 1–15 of 60', rows: 15, first: expect.any(String) });
    await page.locator('[data-testid=board-chip-offline]').click();
    await expect.poll(async () => (await shown(page)).rows).toBe(15);
  });

  it('starts again from the top when a filter shortens the list (it showed rows 26-40)', async () => {
    await scrollToEnd(60);
    // Aux off: 40 agents, 1,280 px; the box was kept at the most it could scroll, 800 px.
    await page.locator('[data-testid=board-chip-aux]').click();
    await expect.poll(() => shown(page)).toEqual({ scrollTop: 0, range: 'rows 1–15 of 40', rows: 15, first: expect.any(String) });
    await page.locator('[data-testid=board-chip-aux]').click();
    await expect.poll(async () => (await shown(page)).range).toBe('rows 1–15 of 60');
  });

  it('starts again from the top when a search is typed', async () => {
    await scrollToEnd(60);
    // "Agent a" names every agent: the count stays 60.
    await page.locator('[data-testid=board-search]').fill('Agent a');
    await expect.poll(() => shown(page)).toEqual({ scrollTop: 0, range: 'rows 1–15 of 60', rows: 15, first: expect.any(String) });
  });

  it('has no Slots column on a voice-only floor (it stood there empty, 11.5rem wide)', async () => {
    // Every agent is on q1, a voice queue, with no capacity of another channel: no slot chip to show.
    const heads = await page.locator('.board .thead span').allTextContents();
    expect(heads).not.toContain('Slots');
    // Agent, State, Reason, Time in state, Queue, Handled; each row has as many cells as headers.
    expect(heads).toHaveLength(6);
    await expect.poll(() => page.locator('[data-testid=agent-board] td.slots').count()).toBe(0);
    expect(await page.locator('[data-testid=agent-board] tbody tr').first().locator('td').count()).toBe(6);
    // Nor an "On chat/email 0" chip: the state chips are those of a voice floor.
    expect(await page.locator('[data-testid^=board-chip-]').evaluateAll((chips) => chips.map((c) => (c as HTMLElement).dataset.testid))).toEqual(
      ['available', 'talking', 'hold', 'acw', 'aux', 'offline'].map((s) => `board-chip-${s}`),
    );
  });

  it('finds agents by their aux reason as the board shows it ("Break"; "休息" in Chinese)', async () => {
    rest();
    // a41-a60 are in aux with reason "break", shown as "Break"; no name or id holds "break".
    await page.locator('[data-testid=board-search]').fill('Break');
    await expect.poll(async () => (await shown(page)).range).toBe('rows 1–15 of 20');
    expect((await shown(page)).first).toMatch(/^a(4[1-9]|5\d|60)$/);
    await page.locator('[data-testid=board-search]').fill('');
    await expect.poll(async () => (await shown(page)).range).toBe('rows 1–15 of 60');
    // In Chinese the board shows 休息, a word the server never sees: the client sends the codes it names.
    const zh = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await zh.goto(server.base + '/?lang=zh-TW#/');
      await zh.waitForFunction(() => document.querySelector('.board .range')?.textContent === '第 1–15 列，共 60 列', undefined, { timeout: 5000 });
      await zh.locator('[data-testid=board-search]').fill('休息');
      await expect.poll(() => zh.locator('.board .range').textContent()).toBe('第 1–15 列，共 20 列');
    } finally {
      await zh.close();
    }
  });

  it('typed letter by letter past the server\'s request limit, shows what the last search finds', async () => {
    // The socket may ask 10 times at once, then twice a second. Before: the requests refused
    // ("too many subscriptions: try again in 1 s") left the board on an earlier search's rows.
    rest();
    await page.locator('[data-testid=board-search]').fill('');
    // 13 requests: the emptied box, "A" to "Agent a1x" (nine), back to "Agent a1" and "Agent a", then
    // "Agent a4", each key after a pause longer than the board's 250 ms (a slow typist's requests).
    const box = page.locator('[data-testid=board-search]');
    await box.pressSequentially('Agent a1x', { delay: 300 });
    await page.waitForTimeout(300);
    for (const key of ['Backspace', 'Backspace', '4']) {
      await box.press(key);
      await page.waitForTimeout(300);
    }
    // a40-a49: ten agents.
    // The server's clock stands still in tests (its bucket of requests with it) until moved: a
    // quarter second a look, so the server allows a request again while the board waits.
    const rangeWhileTimeGoes = async () => {
      server.clock.now += 250;
      return (await shown(page)).range;
    };
    await expect.poll(rangeWhileTimeGoes, { timeout: 5000 }).toBe('rows 1–10 of 10');
    expect(await page.locator('.board p.red').count()).toBe(0);
    await box.fill('');
    await expect.poll(rangeWhileTimeGoes, { timeout: 5000 }).toBe('rows 1–15 of 60');
  });

  it('asks once for a name typed quickly, when the typing pauses, not once a letter', async () => {
    rest();
    const box = page.locator('[data-testid=board-search]');
    await box.fill('');
    await expect.poll(async () => (await shown(page)).range).toBe('rows 1–15 of 60');
    // Board pages the server is asked for from now on, counted as they arrive.
    let pages = 0;
    for (const s of server.floor.io.of('/').sockets.values()) s.onAny((event: string) => void (event === 'agents:page' && pages++));
    await box.pressSequentially('Agent a4', { delay: 20 });
    // a40-a49: ten agents.
    await expect.poll(async () => (await shown(page)).range, { timeout: 5000 }).toBe('rows 1–10 of 10');
    // Eight keys, one page asked for (before: eight, the last of which the limit refused). The
    // floor is quiet here, so no refresh of the window adds one; one more is allowed for a push.
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await box.fill('');
    await expect.poll(async () => (await shown(page)).range).toBe('rows 1–15 of 60');
  });

  // Last: it leaves five chips off.
  it('turned off, state chips still read: their count is what a supervisor looks up once a state is hidden', async () => {
    for (const s of ['available', 'talking', 'hold', 'acw', 'aux']) await page.locator(`[data-testid=board-chip-${s}]`).click();
    await expect.poll(() => page.locator('[data-testid=board-chip-aux]').getAttribute('aria-pressed')).toBe('false');
    // Text and outline against what is behind them, all seen through the chip's opacity over the
    // board's panel (WCAG contrast). Before: each state's own colour at 55% under muted grey text,
    // 1.02 (Talking) to 1.26 (Aux), Offline 2.59: "Aux 20" could not be read. Then muted grey on
    // the panel at 55%: 3.05, with an outline of 1.4. Text needs 4.5 (WCAG AA); the outline, all
    // there is to see of an off chip, as much.
    const ratios = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const over = (top: number[], under: number[], a: number) => under.slice(0, 3).map((u, i) => top[i] * a + u * (1 - a));
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (x: number[], y: number[]) => {
        const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p);
        return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
      };
      const panel = rgb(getComputedStyle(document.querySelector('section.board')!).backgroundColor);
      return Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-testid^=board-chip-][aria-pressed=false]')].map((chip) => {
          const cs = getComputedStyle(chip);
          const opacity = Number(cs.opacity);
          const bg = rgb(cs.backgroundColor);
          const behind = bg.length === 4 ? over(bg, panel, bg[3]) : bg;
          // The chip is drawn whole (text opaque on its background), then laid over the panel at its opacity.
          const seen = over(behind, panel, opacity);
          const text = over(rgb(cs.color), panel, opacity);
          const outline = over(rgb(cs.borderTopColor), panel, opacity);
          return [chip.dataset.testid!.replace('board-chip-', ''), { text: ratio(text, seen), outline: ratio(outline, panel) }];
        }),
      );
    });
    expect(Object.keys(ratios).sort()).toEqual(['acw', 'aux', 'available', 'hold', 'offline', 'talking']);
    // Those under 4.5:1, text or outline, with their ratios.
    expect(Object.entries(ratios).filter(([, r]) => r.text < 4.5 || r.outline < 4.5)).toEqual([]);
  });
});
