import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { ev } from '../helpers/events.ts';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';

const run = browserAvailable();
type Lang = 'en' | 'zh-TW';
const LANGS: Lang[] = ['en', 'zh-TW'];
/** What a page says while a request is in flight, in either language. */
const LOADING = /Loading|載入中/;
/**
 * What a status line says before its answer: loading, or (the TV's) connecting. A loaded CI run
 * read the TV's "連線中…" before its socket's first answer; the page's own connection pill may
 * still say it once the lines are in, so only the lines wait for it.
 */
const PENDING = /Loading|載入中|Connecting|連線中/;
const STATUS = '[data-testid=status-note]';

/**
 * Every page of a fresh server (no simulator, no events, no configuration) as an admin sees it
 * in open mode: the lines that say what is missing and what brings it, in each language.
 */
const PAGES: { hash: string; lines: string; texts: Record<Lang, string[]> }[] = [
  {
    hash: '#/',
    lines: STATUS,
    texts: { en: ['No queues yet. Events posted to /api/v1/events appear here within a second.'], 'zh-TW': ['尚無佇列。 傳送到 /api/v1/events 的事件會在一秒內顯示於此。'] },
  },
  {
    hash: '#/intraday',
    lines: STATUS,
    texts: {
      en: ['No queues yet, so there is no intraday to show. A queue appears here when its first events arrive or when it is set up in the configuration file.'],
      'zh-TW': ['尚無佇列，目前沒有日內資料可顯示。 佇列收到第一筆事件，或在設定檔中設定後，就會出現在這裡。'],
    },
  },
  {
    hash: '#/adherence',
    lines: STATUS,
    texts: {
      en: ['Nobody to check: no agent has a schedule for today.', 'No agent is scheduled today or has logged in. Agents appear here when they log in or when a schedule for today is imported.'],
      'zh-TW': ['目前無從比對：今天沒有任何客服人員排班。', '今天沒有排班或已登入的客服人員。 客服人員登入，或匯入今天的排班後，就會出現在這裡。'],
    },
  },
  {
    hash: '#/plan',
    lines: STATUS,
    texts: {
      en: ['No queues yet, so there is no staffing plan to show. A queue appears here when its first events arrive or when it is set up in the configuration file.'],
      'zh-TW': ['尚無佇列，目前沒有人力計畫可顯示。 佇列收到第一筆事件，或在設定檔中設定後，就會出現在這裡。'],
    },
  },
  {
    hash: '#/report',
    lines: STATUS,
    texts: {
      en: ['No clients yet, so there is no report to show. A client appears here when its first events arrive or when it is set up in the configuration file.'],
      'zh-TW': ['尚無客戶，目前沒有報表可顯示。 客戶收到第一筆事件，或在設定檔中設定後，就會出現在這裡。'],
    },
  },
  {
    hash: '#/campaigns',
    lines: STATUS,
    texts: {
      en: ['No outbound campaign has dialled yet. A campaign appears here with the first dial attempt its dialler sends.'],
      'zh-TW': ['目前還沒有外撥活動撥號。 外撥系統為活動送出第一筆撥號後，活動就會出現在這裡。'],
    },
  },
  {
    hash: '#/admin',
    lines: '[data-testid=tenant-settings] [data-testid=empty]',
    texts: {
      en: ['No clients on the floor yet: a client appears when its first events arrive or when it is set up in the configuration file.'],
      'zh-TW': ['現場尚無客戶：客戶收到第一筆事件，或在設定檔中設定後就會出現。'],
    },
  },
  {
    hash: '#/tv',
    lines: '[data-testid=tv-waiting]',
    texts: {
      en: ['No clients to show yet. A client appears here when its first events arrive or when it is set up in the configuration file.'],
      'zh-TW': ['尚無可顯示的客戶。 客戶收到第一筆事件，或在設定檔中設定後，就會出現在這裡。'],
    },
  },
];

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The page's status lines once `count` of them are there and none still says "Loading" or "Connecting",
 * whitespace flattened. The status note is on the page while its request runs, saying
 * "Loading…", so being there is not enough: a slow machine reads it before the answer.
 */
async function linesOf(page: Page, selector: string, count: number): Promise<string[]> {
  const lines = page.locator(selector);
  await lines.nth(count - 1).waitFor();
  await page.waitForFunction(
    ({ selector, source }) => {
      const pending = new RegExp(source);
      return [...document.querySelectorAll(selector)].every((el) => !pending.test((el as HTMLElement).innerText));
    },
    { selector, source: PENDING.source },
    { timeout: 30_000 },
  );
  return (await lines.allInnerTexts()).map(flat);
}

describe.runIf(run)('a fresh server (no simulator, no events) in Chromium, as an admin in open mode', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of LANGS) {
    for (const p of PAGES) {
      it(`${p.hash} says what is missing and what brings it, and no longer "Loading", in ${lang}`, async () => {
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        try {
          await page.goto(`${server.base}/?lang=${lang}${p.hash}`);
          expect(await linesOf(page, p.lines, p.texts[lang].length)).toEqual(p.texts[lang]);
          // Every line above comes only once its requests have answered: nothing may still be loading.
          expect(await page.locator('body').innerText()).not.toMatch(LOADING);
        } finally {
          await page.close();
        }
      });
    }

    it(`the staffing calculator works with no data, in ${lang}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${server.base}/?lang=${lang}#/erlang`);
        // The defaults: 100 calls × 180 s ÷ 1,800 s = 10 Erlangs.
        await page.locator('[data-testid=erlang-traffic]').filter({ hasText: '10.00' }).waitFor();
        expect(await page.locator('body').innerText()).not.toMatch(LOADING);
      } finally {
        await page.close();
      }
    });
  }

  it('says "Loading…" while the floor is on its way, then what is missing', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Socket.IO's first request is an HTTP handshake: holding it keeps the floor's snapshot away.
    await page.route('**/socket.io/**', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(`${server.base}/?lang=en#/intraday`);
      await page.locator(STATUS).waitFor();
      expect((await page.locator(STATUS).allInnerTexts()).map(flat)).toEqual(['Loading…']);
      expect(await page.locator(STATUS).getAttribute('data-kind')).toBe('loading');
      release();
      await page.locator(STATUS, { hasText: 'No queues yet' }).waitFor();
      expect(await page.locator(STATUS).getAttribute('data-kind')).toBe('empty');
    } finally {
      release();
      await page.close();
    }
  });

  it('says the server is out of reach, not "Loading…", when the floor cannot be fetched', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.route('**/socket.io/**', (route) => route.abort());
    try {
      await page.goto(`${server.base}/?lang=zh-TW#/report`);
      expect(await linesOf(page, `${STATUS}[data-kind=error]`, 1)).toEqual(['無法連上伺服器，正在重試…']);
      expect(await page.locator('body').innerText()).not.toMatch(LOADING);
    } finally {
      await page.close();
    }
  });

  it('gives the reason a request failed instead of "Loading…"', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.route('**/api/v1/campaigns', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'the log is unavailable' }) }));
    await page.route('**/api/v1/adherence?*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'the log is unavailable' }) }));
    try {
      await page.goto(`${server.base}/?lang=en#/campaigns`);
      await page.getByText('Could not load the campaigns: the log is unavailable').waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(LOADING);
      await page.goto(`${server.base}/?lang=en#/adherence`);
      await page.getByText('Could not load adherence: the log is unavailable').waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(LOADING);
    } finally {
      await page.close();
    }
  });
});

describe.runIf(run)('a fresh server taking its first events, in Chromium', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  // Each test starts from nothing: its own fresh server.
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server?.stop());

  // The clock is 09:31 Taipei: a call queued at 09:30 for client "acme".
  const firstCall = async () => {
    const first = [ev('call.queued', '09:30:00', { tenant: 'acme', callId: 'c1', queueId: 'billing' })];
    expect((await (await server.post('/api/v1/events', ndjson(first))).json()).accepted).toBe(1);
  };

  it('lists the first client on the report without a reload, as its empty line promised', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(`${server.base}/?lang=en#/report`);
      await page.locator(STATUS, { hasText: 'No clients yet' }).waitFor();
      await firstCall();
      await page.locator('[data-testid=report] h1').waitFor();
      expect(await page.locator('[data-testid=report-tenant] option').allInnerTexts()).toEqual(['acme']);
      expect(await page.locator('[data-testid=report] h1').innerText()).toBe('acme: service report');
    } finally {
      await page.close();
    }
  });

  for (const [lang, line] of [
    ['en', "No plan for billing on Nov 21, 2026: no forecast was imported for that day, and the queue has under four weeks of history to forecast from. Import a forecast with PUT /api/v1/forecasts/billing/2026-11-21 or the plan appears by itself once four weeks of history have built up."],
    ['zh-TW', 'billing 在 2026年11月21日 沒有人力計畫：那一天沒有匯入預測，此佇列的歷史資料也不足四週，無法自動預測。 請以 PUT /api/v1/forecasts/billing/2026-11-21 匯入預測；或等累積滿四週歷史資料後，計畫就會自動出現。'],
  ] as const) {
    it(`says tomorrow's plan of the first queue has nothing to plan from yet, and how to get one, not that it failed, in ${lang}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await firstCall();
        await page.goto(`${server.base}/?lang=${lang}#/plan`);
        // Tomorrow is Nov 21: no forecast imported, no history on a fresh server.
        expect(await linesOf(page, `${STATUS}[data-kind=empty]`, 1)).toEqual([line]);
        expect(await page.locator('[data-testid=plan-error]').count()).toBe(0);
        expect(await page.locator('body').innerText()).not.toMatch(LOADING);
      } finally {
        await page.close();
      }
    });
  }

  it('shows the first client on the TV without a reload, as its empty line promised', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(`${server.base}/?lang=en#/tv`);
      await page.locator('[data-testid=tv-waiting]', { hasText: 'No clients to show yet.' }).waitFor();
      await firstCall();
      await page.locator('[data-testid=tv-client]').waitFor();
      expect(await page.locator('[data-testid=tv-client]').innerText()).toBe('acme');
      // The one call, waiting since 09:30.
      expect(await page.locator('[data-testid=tv-kpis] [data-testid=tv-waiting]').innerText()).toBe('1');
    } finally {
      await page.close();
    }
  });
});

describe.runIf(run)('a queue named in a heading, in Chromium', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    const { engine, plan } = server.floor;
    engine.addQueue(makeQueueConfig('billing', 'acme', { name: 'Acme Billing' }));
    // Tomorrow's plan needs a forecast: 100 calls at 14:00.
    const tomorrow = engine.clock.dayOfDate('2026-11-21')!;
    plan.setForecast('acme', 'billing', tomorrow.start, tomorrow.end, new Map([[Date.parse('2026-11-21T14:00:00+08:00'), { calls: 100, ahtSeconds: 180 }]]));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // innerText is the text as drawn, after CSS text-transform: an upper-cased heading reads ACME BILLING there.
  for (const lang of LANGS) {
    it(`keeps the queue's name as configured on intraday, not upper-cased, in ${lang}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${server.base}/?lang=${lang}#/intraday`);
        const heading = page.locator('[data-testid=intraday-heading]');
        await heading.waitFor();
        expect(await heading.innerText()).toBe(lang === 'en' ? 'Acme Billing · Nov 20, 2026' : 'Acme Billing · 2026年11月20日');
      } finally {
        await page.close();
      }
    });
  }

  it("keeps the queue's name as configured on tomorrow's plan", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(`${server.base}/?lang=en#/plan`);
      const heading = page.locator('[data-testid=plan-heading]');
      await heading.waitFor();
      expect(flat(await heading.innerText())).toMatch(/^Acme Billing · Staffing plan for Nov 21, 2026 /);
    } finally {
      await page.close();
    }
  });
});
