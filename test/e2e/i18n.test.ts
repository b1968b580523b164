import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Snapshot } from '../../server/protocol/metrics.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

const run = browserAvailable();

/** Latin words a Traditional Chinese page may show: the brand, the Erlang model names, a file format. */
const ALLOWED = new Set(['floorboard', 'erlang', 'csv']);

/** Each view, with what shows it has its data, and what English it must show with lang=en. */
const VIEWS = [
  { hash: '#/', ready: '[data-testid=adherence-tile] li', english: ['Wallboard', 'Waiting', 'Longest wait', 'Agents', 'Live', 'during'] },
  { hash: '#/intraday', ready: '[data-testid=intraday-table] tbody tr', english: ['Projected SL for the day', 'Every interval', 'Interval start (centre time)'] },
  { hash: '#/adherence', ready: '[data-testid=adherence-exceptions] tbody tr', english: ['Out of adherence now', 'Severity', 'Today', 'adherence'] },
  { hash: '#/erlang', ready: '[data-testid=erlang-agents-needed]', english: ['Staffing calculator', 'Agents needed', 'Occupancy'] },
] as const;

interface Seen {
  lang: string;
  text: string;
  /** title, aria-label, placeholder and alt values, and SVG tooltips. */
  hidden: string[];
}

/**
 * Everything a person can read or hear on the page: the visible text and the tooltips and
 * labels. The language switcher names each language in itself and `<code>` holds paths, so
 * both are left out.
 */
async function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const skip = [...document.querySelectorAll<HTMLElement>('[data-testid=language-switcher], code')];
    for (const e of skip) e.style.display = 'none';
    const text = document.body.innerText;
    for (const e of skip) e.style.display = '';
    const attrs = ['title', 'aria-label', 'placeholder', 'alt'];
    const hidden = [...document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')]
      .filter((e) => !e.closest('[data-testid=language-switcher]'))
      .flatMap((e) => attrs.map((a) => e.getAttribute(a) ?? ''))
      .concat([...document.querySelectorAll('svg title')].map((e) => e.textContent ?? ''));
    return { lang: document.documentElement.lang, text, hidden };
  });
}

/**
 * Latin words left in a text once the floor's own names and ids (data, not interface) are taken
 * out, in lower case: innerText applies CSS text-transform, so labels may come back in capitals.
 */
function englishWords(text: string, data: string[]): string[] {
  let rest = text.toLowerCase();
  for (const d of data) rest = rest.split(d.toLowerCase()).join(' ');
  rest = rest.replace(/\berlang [abc]\b/g, ' ');
  return [...new Set((rest.match(/[a-z]+/g) ?? []).filter((w) => !ALLOWED.has(w)))];
}

describe.runIf(run)('Traditional Chinese and English in headless Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let data: string[];

  beforeAll(async () => {
    // The simulated floor at 11:02 Taipei (seed 42): three clients, their queues and agents, and
    // three agents out of adherence, so the exception table and its tile lines are on screen too.
    server = await startServer({ SIMULATOR: 'on' }, Date.parse('2026-11-20T11:02:00+08:00'));
    const snap = (await server.get('/api/v1/snapshot')).body as Snapshot;
    data = [
      ...snap.tenants.flatMap((t) => [t.name, t.id]),
      ...snap.queues.flatMap((q) => [q.name, q.id]),
      ...snap.agents.flatMap((a) => [a.name, a.id, a.teamId ?? '']),
    ]
      .filter((s) => s.length > 0)
      .sort((a, b) => b.length - a.length);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const view of VIEWS) {
    it(`shows ${view.hash} with no English word when lang=zh-TW`, async () => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      try {
        // lang in the query for the wallboard, inside the hash query for the other views: both count.
        const url = view.hash === '#/' ? `${server.base}/?lang=zh-TW#/` : `${server.base}/${view.hash}?lang=zh-TW`;
        await page.goto(url);
        await page.locator(view.ready).first().waitFor();
        await page.locator('[data-testid=connection]', { hasText: '即時' }).waitFor();
        const s = await seen(page);
        expect(s.lang).toBe('zh-TW');
        expect(s.text).toMatch(/[\u4e00-\u9fff]/);
        expect(englishWords(s.text, data), s.text).toEqual([]);
        expect(englishWords(s.hidden.join('\n'), data), s.hidden.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it(`shows ${view.hash} in English when lang=en`, async () => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      try {
        await page.goto(`${server.base}/?lang=en${view.hash}`);
        await page.locator(view.ready).first().waitFor();
        const s = await seen(page);
        expect(s.lang).toBe('en');
        for (const words of view.english) expect(s.text.toLowerCase()).toContain(words.toLowerCase());
        expect(s.text).not.toMatch(/[\u4e00-\u9fff]/);
      } finally {
        await page.close();
      }
    });
  }

  it('shows the replay workspace banner in Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(`${server.base}/?workspace=replay&lang=zh-TW#/`);
      const banner = page.locator('[data-testid=replay-banner]');
      await banner.waitFor();
      const text = await banner.innerText();
      expect(text).toContain('重播工作區');
      expect(englishWords(text, data), text).toEqual([]);
      const labels = await banner.locator('[aria-label]').evaluateAll((es) => es.map((e) => e.getAttribute('aria-label') ?? ''));
      expect(labels).toEqual(['要重播的日期', '速度']);
    } finally {
      await page.close();
    }
  });

  it('explains a service level in Chinese, with the same counts', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(`${server.base}/?lang=zh-TW#/`);
      await page.locator('[data-testid=queue-tile] [data-testid=sl-today]').first().click();
      const dialog = page.locator('[data-testid=sl-explain]');
      await dialog.waitFor();
      const text = (await dialog.innerText()).replace(/Amazon Connect|Talkdesk/g, ' '); // vendors named in their formulas
      expect(text).toContain('服務水準');
      expect(text).toMatch(/= \d+ \/ \d+/);
      expect(englishWords(text, data), text).toEqual([]);
      await dialog.getByRole('button', { name: '關閉' }).click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      await page.close();
    }
  });

  it('follows the browser language, then a choice made in the switcher, which outlives a reload', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1920, height: 1080 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.base}/#/erlang`);
      const nav = page.locator('header nav');
      await expect.poll(() => nav.innerText()).toContain('人力計算機');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');

      await page.locator('[data-testid=language-switcher]').selectOption('en');
      await expect.poll(() => nav.innerText()).toContain('Staffing calculator');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      await page.reload();
      await expect.poll(() => nav.innerText()).toContain('Staffing calculator');
      // The address still wins over the stored choice, as a TV's link must.
      await page.goto(`${server.base}/#/erlang?lang=zh-TW`);
      await expect.poll(() => nav.innerText()).toContain('人力計算機');
      // Choosing in the switcher rewrites that lang, so a reload keeps what the person chose.
      await page.locator('[data-testid=language-switcher]').selectOption('en');
      expect(page.url()).toBe(`${server.base}/#/erlang?lang=en`);
      await page.reload();
      await expect.poll(() => nav.innerText()).toContain('Staffing calculator');
    } finally {
      await context.close();
    }
  });
});
