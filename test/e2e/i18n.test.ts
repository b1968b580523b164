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
  // Tomorrow's plan answers its table, why there is none yet (a sentence, in the page's language) or why it failed.
  { hash: '#/plan', ready: '[data-testid=plan], [data-testid=plan-error], [data-testid=status-note][data-kind=empty]', english: ["Tomorrow's plan", 'Queue'] },
  { hash: '#/report', ready: '[data-testid=report]', english: ['Client report', 'Service level', 'Abandon rate'] },
  // Open mode: the admin page of an all-tenant administrator (its settings table lists the clients).
  { hash: '#/admin', ready: '[data-testid=tenant-settings] tbody tr', english: ['Users', 'Client settings', 'Audit log'] },
] as const;

/** When set (a directory), each view is saved there as people-<view>-<lang>.png, 1920x1080. */
const SCREENS = process.env.SCREENS_DIR;
const shotName = (hash: string) => (hash === '#/' ? 'wallboard' : hash.slice(2));

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
    // A language named in itself (marked with its own lang, as a choice of language is) is no word
    // of the page's; a choice of languages goes whole (a select's innerText has all its options).
    const foreign = [...document.querySelectorAll<HTMLElement>('body [lang]')].filter((e) => e.lang !== document.documentElement.lang).map((e) => e.closest('select') ?? e);
    const skip = [...document.querySelectorAll<HTMLElement>('[data-testid=language-switcher], code'), ...foreign];
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

describe.runIf(run)('Traditional Chinese and English in headless Chromium', { timeout: 60_000 }, () => {
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
      // Team names are configured data like tenant names (the simulator's are "Team Taipei" and so on).
      ...snap.teams.flatMap((t) => [t.name, t.id]),
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
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/people-${shotName(view.hash)}-zh-TW.png` });
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
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/people-${shotName(view.hash)}-en.png` });
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

      await page.locator('[data-testid=account-menu]').click(); // the switcher is in the account menu
      await page.locator('[data-testid=language-switcher]').selectOption('en');
      await expect.poll(() => nav.innerText()).toContain('Staffing calculator');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      await page.reload();
      await expect.poll(() => nav.innerText()).toContain('Staffing calculator');
      // The address still wins over the stored choice, as a TV's link must.
      await page.goto(`${server.base}/#/erlang?lang=zh-TW`);
      await expect.poll(() => nav.innerText()).toContain('人力計算機');
      // Choosing in the switcher rewrites that lang, so a reload keeps what the person chose.
      await page.locator('[data-testid=account-menu]').click(); // the switcher is in the account menu
      await page.locator('[data-testid=language-switcher]').selectOption('en');
      expect(page.url()).toBe(`${server.base}/#/erlang?lang=en`);
      await page.reload();
      await expect.poll(() => nav.innerText()).toContain('Staffing calculator');
    } finally {
      await context.close();
    }
  });
});

const ADMIN_TOKEN = 'i18n-admin-token-0123456789';
const PW = 'correct horse battery';

/**
 * The pages of a floor with sign-in (not open mode): the sign-in page, the admin page with real
 * users, settings and audit entries, every page of a rotating TV (each client and the floor
 * summary), and a switched-off display.
 */
describe.runIf(run)('Traditional Chinese on the sign-in, admin and TV pages', { timeout: 90_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let data: string[];
  const api = (method: string, path: string, body?: unknown) =>
    fetch(server.base + '/api/v1' + path, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    server = await startServer({ SIMULATOR: 'on', FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN_TOKEN, name: 'ops', tenants: ['*'], role: 'admin' }]) }, Date.parse('2026-11-20T11:02:00+08:00'));
    const snap = (await server.get('/api/v1/snapshot', ADMIN_TOKEN)).body as Snapshot;
    // Names people gave (users, displays) are data too, like the floor's.
    data = [...snap.tenants.flatMap((t) => [t.name, t.id]), ...snap.queues.flatMap((q) => [q.name, q.id]), ...snap.agents.flatMap((a) => [a.name, a.id, a.teamId ?? '']), 'boss', 'lead', 'ops', 'Lobby', 't1']
      .filter((x) => x.length > 0)
      .sort((a, b) => b.length - a.length);
    // An audit log with every kind of entry the admin page words.
    expect((await api('POST', '/users', { name: 'boss', role: 'admin', tenants: ['*'], password: PW })).status).toBe(201);
    expect((await api('POST', '/users', { name: 'lead', role: 'teamLead', tenants: [snap.tenants[0].id], teams: ['t1'], password: PW })).status).toBe(201);
    expect((await api('PATCH', '/users/lead', { disabled: true })).status).toBe(200);
    expect((await api('PUT', `/tenants/${snap.tenants[0].id}/settings`, { clientViewerAgentNames: true })).status).toBe(200);
    const token = (await (await api('POST', '/tokens', { name: 'ops', role: 'ingest', tenants: ['*'] })).json()) as { id: string };
    expect((await api('DELETE', `/tokens/${token.id}`)).status).toBe(200);
    data.unshift(token.id);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function expectChinese(page: Page, what: string) {
    const s = await seen(page);
    if (SCREENS) await page.screenshot({ path: `${SCREENS}/people-${what}-zh-TW.png` });
    expect(s.lang).toBe('zh-TW');
    expect(s.text).toMatch(/[\u4e00-\u9fff]/);
    expect(englishWords(s.text, data), s.text).toEqual([]);
    expect(englishWords(s.hidden.join('\n'), data), s.hidden.join('\n')).toEqual([]);
  }

  it('shows the sign-in page, and a wrong password, with no English word', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(`${server.base}/?lang=zh-TW#/`);
      await page.locator('[data-testid=signin]').waitFor();
      await page.fill('input[name=name]', 'boss');
      await page.fill('input[name=password]', 'not the password');
      await page.click('button[type=submit]');
      await expect.poll(() => page.locator('[data-testid=signin-error]').textContent(), { timeout: 10_000 }).toBe('無法登入：使用者名稱或密碼錯誤');
      await expectChinese(page, 'signin');
    } finally {
      await page.close();
    }
  });

  it('lets a person choose the language on the sign-in page, before signing in', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(`${server.base}/?lang=zh-TW#/`);
      await page.locator('[data-testid=signin]').waitFor();
      expect(await page.locator('[data-testid=signin] h1').textContent()).toBe('登入即時看板系統');
      await page.locator('[data-testid=signin] [data-testid=language-switcher]').selectOption('en');
      await expect.poll(() => page.locator('[data-testid=signin] h1').textContent()).toBe('Sign in to Floorboard');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    } finally {
      await page.close();
    }
  });

  it('shows the admin page of a signed-in administrator, its audit log worded in Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(`${server.base}/?lang=zh-TW#/admin`);
      await page.locator('[data-testid=signin]').waitFor();
      await page.fill('input[name=name]', 'boss');
      await page.fill('input[name=password]', PW);
      await page.click('button[type=submit]');
      await page.locator('[data-testid=who]').waitFor();
      await page.goto(`${server.base}/?lang=zh-TW#/admin`);
      await page.locator('[data-testid=tenant-settings] tbody tr').first().waitFor();
      await page.locator('[data-testid=audit] tbody tr').first().waitFor();
      const audit = (await page.locator('[data-testid=audit]').innerText()).split('\n');
      // Six changes, newest first: token revoked and created, the setting, lead disabled, lead and boss created.
      expect(audit.filter((l) => /已撤銷權杖|權杖 t_|客戶檢視者可看到|已停用使用者 lead|使用者 lead：|使用者 boss：/.test(l))).toHaveLength(6);
      await expectChinese(page, 'admin-signed-in');
    } finally {
      await page.close();
    }
  });

  it('shows every page of a rotating TV (each client, then the floor) with no English word', async () => {
    const snap = (await server.get('/api/v1/snapshot', ADMIN_TOKEN)).body as Snapshot;
    const tenants = snap.tenants.slice(0, 2).map((t) => t.id);
    const { url } = (await (await api('POST', '/displays', { name: 'Lobby', tenants, rotationSeconds: 5, lang: 'zh-TW' })).json()) as { url: string };
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(url);
      const kpis = page.locator('[data-testid=tv-kpis]');
      const shown = new Set<string>();
      // Two clients and the floor page, 5 s each: every page is on screen within 20 s.
      for (const until = Date.now() + 30_000; shown.size < 3 && Date.now() < until; ) {
        await kpis.waitFor();
        const tenant = (await kpis.getAttribute('data-tenant')) ?? '';
        if (!shown.has(tenant)) {
          shown.add(tenant);
          await expectChinese(page, tenant === '*' ? 'tv-floor' : `tv-client-${shown.size}`);
        }
        await page.waitForTimeout(500);
      }
      expect([...shown].sort()).toEqual(['*', ...tenants].sort());
    } finally {
      await page.close();
    }
  });

  it('shows a switched-off display with no English word', async () => {
    const snap = (await server.get('/api/v1/snapshot', ADMIN_TOKEN)).body as Snapshot;
    const { id, url } = (await (await api('POST', '/displays', { name: 'Lobby', tenants: [snap.tenants[0].id], lang: 'zh-TW' })).json()) as { id: string; url: string };
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(url);
      await page.locator('[data-testid=tv-kpis]').waitFor();
      expect((await api('DELETE', `/displays/${id}`)).status).toBe(200);
      await page.locator('[data-testid=tv-off]').waitFor();
      await expectChinese(page, 'tv-off');
    } finally {
      await page.close();
    }
  });
});
