/**
 * The replay workspace shows the live plan read-only. Its intraday page lists the live plan's
 * what-ifs with a note that they are changed on the live floor, and offers no form and no Remove
 * (in English and in Traditional Chinese); the live page beside it still offers both. The
 * banner words a refused replay from its code, in the page's language, and its request carries
 * the workspace (so would any write from the page: the server refuses plan writes there). The
 * past-day re-run, which writes nothing, runs from the replay page as from the live one.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const run = browserAvailable();

/** When set (a directory), each replay intraday page is saved there as replay-intraday-<lang>-1366.png. */
const SCREENS = process.env.SCREENS_DIR;

const LANGS = [
  {
    lang: 'en',
    heading: 'Nov 20, 2026',
    note: 'These what-ifs belong to the live plan and are shown here read-only: add or remove them on the live floor.',
    by: 'by anonymous (open mode)',
    day: 'Day to replay',
    refused: 'Replay failed: no journal was kept of Nov 12, 2026, so it cannot be replayed',
  },
  {
    lang: 'zh-TW',
    heading: '2026年11月20日',
    note: '這些假設情境屬於即時計畫，此處僅供檢視：請回到即時現場新增或移除。',
    by: '建立者：匿名使用者（開放模式）',
    day: '要重播的日期',
    refused: '重播失敗：2026年11月12日 沒有保留日誌，無法重播',
  },
] as const;

describe.runIf(run)('the replay workspace shows the live plan read-only', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const journal = mkdtempSync(join(tmpdir(), 'replay-workspace-journal-'));

  beforeAll(async () => {
    // Yesterday's journal for the past-day re-run: at 14:00 a1 answers c1, c2 waits 50 s, c3 gives up after 60 s (1 of 3 within 20 s).
    const y = (s: number) => Date.parse('2026-11-19T14:00:00+08:00') + s * 1000;
    const yesterday = [
      { type: 'agent.login', ts: y(0), agentId: 'a1', queues: ['q1'], state: 'available' },
      { type: 'call.queued', ts: y(0), callId: 'c1', queueId: 'q1' },
      { type: 'call.answered', ts: y(0), callId: 'c1', queueId: 'q1', agentId: 'a1' },
      { type: 'call.queued', ts: y(10), callId: 'c2', queueId: 'q1' },
      { type: 'call.queued', ts: y(20), callId: 'c3', queueId: 'q1' },
      { type: 'call.wrapped', ts: y(60), callId: 'c1', agentId: 'a1' },
      { type: 'call.answered', ts: y(60), callId: 'c2', queueId: 'q1', agentId: 'a1' },
      { type: 'call.abandoned', ts: y(60), callId: 'c3', queueId: 'q1' },
      { type: 'call.wrapped', ts: y(90), callId: 'c2', agentId: 'a1' },
      { type: 'agent.logout', ts: y(3600), agentId: 'a1' },
    ];
    writeFileSync(join(journal, '2026-11-19.ndjson'), yesterday.map((e, i) => JSON.stringify({ id: `y${i}`, tenant: 'default', ...e })).join('\n') + '\n');
    // Open mode (an all-tenant admin): one call on q1 this morning, journaled and replayed.
    server = await startServer({ JOURNAL_DIR: journal }, Date.parse('2026-11-20T13:10:00+08:00'));
    const call = [
      ev('call.queued', '09:00:00', { callId: 'c1', queueId: 'q1' }),
      ev('call.answered', '09:00:10', { callId: 'c1', queueId: 'q1', agentId: 'a1' }),
      ev('call.ended', '09:03:00', { callId: 'c1', agentId: 'a1' }),
    ];
    expect((await server.post('/api/v1/events', ndjson(call))).status).toBe(200);
    await vi.waitFor(() => expect(statSync(join(journal, '2026-11-20.ndjson'), { throwIfNoEntry: false })?.size ?? 0).toBeGreaterThan(200));
    const json = { 'content-type': 'application/json' };
    expect((await fetch(`${server.base}/api/v1/replay`, { method: 'POST', headers: json, body: JSON.stringify({ date: '2026-11-20', speed: 'max' }) })).status).toBe(202);
    await vi.waitFor(async () => expect((await server.get('/api/v1/replay')).body.state).toBe('done'), { timeout: 15_000 });
    // The live plan's what-if of today, which the replay of today shows.
    const whatIf = { from: '2026-11-20T14:00:00+08:00', to: '2026-11-20T15:00:00+08:00', agents: 5, label: 'overtime' };
    expect((await fetch(`${server.base}/api/v1/queues/q1/whatifs`, { method: 'POST', headers: json, body: JSON.stringify(whatIf) })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(journal, { recursive: true, force: true });
  });

  /** The intraday page of q1 in a workspace and language, once its what-if panel lists the what-if. */
  async function intraday(page: Page, lang: string, workspace: string) {
    await page.goto(`${server.base}/?${workspace}lang=${lang}#/intraday?queue=q1`);
    const editor = page.locator('[data-testid=whatif-editor]');
    await expect.poll(() => editor.locator('[data-testid=whatif-list] li').first().textContent(), { timeout: 10_000 }).toContain('+5');
    return editor;
  }

  it("says 'the day replayed', not 'today', on the replay's wallboard with no schedule (en and zh-TW)", async () => {
    for (const [lang, text] of [
      ['en', 'No schedule on the day replayed'],
      ['zh-TW', '重播當日沒有排班'],
    ]) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${server.base}/?workspace=replay&lang=${lang}#/`);
        await expect.poll(() => page.locator('[data-testid=no-schedule]').textContent(), { timeout: 10_000 }).toBe(text);
      } finally {
        await page.close();
      }
    }
  });

  for (const l of LANGS) {
    it(`offers no what-if form or Remove in the replay, and says why (${l.lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        const editor = await intraday(page, l.lang, 'workspace=replay&');
        expect(await page.locator('[data-testid=intraday-heading]').textContent()).toContain(l.heading);
        expect(await editor.locator('[data-testid=whatif-replay-note]').textContent()).toBe(l.note);
        expect(await editor.locator('[data-testid=whatif-add]').count()).toBe(0);
        expect(await editor.locator('form, button, input, select').count()).toBe(0);
        expect(await editor.locator('[data-testid=whatif-list] li').count()).toBe(1);
        expect((await editor.locator('[data-testid=whatif-list] li').innerText()).replace(/\s+/g, ' ').trim()).toBe(`+5 14:00–15:00 overtime ${l.by}`);
        // The note wraps inside the panel.
        expect(await editor.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
        if (SCREENS) await page.screenshot({ path: join(SCREENS, `replay-intraday-${l.lang}-1366.png`), fullPage: true });

        // The same what-if on the live page: a form to add, a Remove, and no note.
        const live = await intraday(page, l.lang, '');
        expect(await live.locator('[data-testid=whatif-add]').count()).toBe(1);
        expect(await live.locator('[data-testid=whatif-list] li button').count()).toBe(1);
        expect(await live.locator('[data-testid=whatif-replay-note]').count()).toBe(0);
      } finally {
        await page.close();
      }
    });

    it(`words a refused replay from its code, and sends the workspace with it (${l.lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        await page.goto(`${server.base}/?workspace=replay&lang=${l.lang}#/intraday?queue=q1`);
        const banner = page.locator('[data-testid=replay-banner]');
        await banner.getByLabel(l.day).fill('2026-11-12');
        const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/api/v1/replay'));
        await banner.locator('button[type=submit]').click();
        expect(new URL((await sent).url()).search).toBe('?workspace=replay');
        const err = banner.locator('.err');
        await err.waitFor();
        expect(await err.textContent()).toBe(l.refused);
      } finally {
        await page.close();
      }
    });
  }

  it('re-runs a past day from the replay page: its request carries the workspace and gets the re-run', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await intraday(page, 'en', 'workspace=replay&');
      const panel = page.locator('[data-testid=past-day]');
      const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/past-day'));
      await panel.locator('[data-testid=past-day-run]').click();
      expect(new URL((await sent).url()).search).toBe('?tenant=default&workspace=replay');
      // The day before the replayed one, as it was: 1 of 3 calls within 20 s.
      const summary = panel.locator('[data-testid=past-day-summary]');
      await summary.waitFor({ timeout: 10_000 });
      expect((await summary.locator('.mid').first().textContent())?.trim()).toBe('33.3%');
      expect(await panel.locator('p.red').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
