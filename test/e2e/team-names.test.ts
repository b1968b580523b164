import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { taipei } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { SHIFT } from '../helpers/shift.ts';
import { teamKey } from '../../server/protocol/keys.ts';

const run = browserAvailable();
/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;
const ADMIN = 'team-names-admin-token-0123';
const PW = 'correct horse battery';

/**
 * acme names three of its teams, t1, t2 and t4 (in Han letters); its t3 has no name. jade has a
 * t1 too, and names it "Jade Loans Desk": a name no acme person may ever see. Every agent is
 * scheduled A's shift and logged in at 09:00; now is 10:00.
 */
const TEAMS = [
  { id: 't1', tenant: 'acme', name: 'Team Taipei' },
  { id: 't2', tenant: 'acme', name: 'Team Kaohsiung' },
  { id: 't4', tenant: 'acme', name: '台中組' },
  { id: 't1', tenant: 'jade', name: 'Jade Loans Desk' },
];
const AGENTS = [
  { tenant: 'acme', agentId: 'a1', name: 'Ana', teamId: 't1' },
  { tenant: 'acme', agentId: 'a2', name: 'Bo', teamId: 't2' },
  { tenant: 'acme', agentId: 'a3', name: 'Cy', teamId: 't3' },
  { tenant: 'acme', agentId: 'a4', name: 'Di', teamId: 't4' },
  { tenant: 'jade', agentId: 'j1', name: 'Jin', teamId: 't1' },
];
const USERS = [
  { name: 'mgr', role: 'manager', tenants: ['acme'] },
  { name: 'lead1', role: 'teamLead', tenants: ['acme'], teams: ['t1', 't3'] },
  { name: 'jlead', role: 'teamLead', tenants: ['jade'], teams: ['t1'] },
  // Lead of a "t1" in each client: its acme manager must read acme's name for it, never jade's.
  { name: 'both', role: 'teamLead', tenants: ['acme', 'jade'], teams: ['t1'] },
  { name: 'boss', role: 'admin', tenants: ['*'] },
  { name: 'acmeboss', role: 'admin', tenants: ['acme'] },
];

describe.runIf(run)('team names from the config file, per tenant, in Chromium', { timeout: 90_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'fb-team-names-'));

  beforeAll(async () => {
    const config = join(dir, 'floorboard.config.json');
    writeFileSync(config, JSON.stringify({ tenants: [{ id: 'acme', name: 'Acme Bank' }, { id: 'jade', name: 'Jade Bank' }], teams: TEAMS }));
    server = await startServer({ FLOORBOARD_CONFIG: config, FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) }, taipei('10:00:00'));
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` };
    for (const tenant of ['acme', 'jade']) {
      const segments = AGENTS.filter((a) => a.tenant === tenant).flatMap(({ agentId }) => SHIFT.map(([from, to, activity]) => ({ agentId, start: `2026-11-20T${from}:00+08:00`, end: `2026-11-20T${to}:00+08:00`, activity })));
      expect((await fetch(`${server.base}/api/v1/schedules/2026-11-20?tenant=${tenant}`, { method: 'PUT', body: JSON.stringify(segments), headers: auth })).status).toBe(200);
    }
    const logins = AGENTS.map((a, i) => ({ id: `l${i}`, type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', ...a, queues: ['q1'], state: 'available' }));
    expect((await (await server.post('/api/v1/events', ndjson(logins), ADMIN)).json()).accepted).toBe(5);
    for (const u of USERS) expect((await fetch(`${server.base}/api/v1/users`, { method: 'POST', body: JSON.stringify({ ...u, password: PW }), headers: auth })).status).toBe(201);
    // A setting of jade's: its audit entry names the client (Jade Bank to a reader of jade).
    expect((await fetch(`${server.base}/api/v1/tenants/jade/settings`, { method: 'PUT', body: JSON.stringify({ clientViewerAgentNames: true }), headers: auth })).status).toBe(200);
    // Plan changes of acme's (with the schedules above: audit entries worded from their fields) and a TV display of both clients.
    const csv = 'interval_start,queue_id,calls,aht_seconds\n2026-11-20T14:00:00+08:00,q1,100,180\n';
    expect((await fetch(`${server.base}/api/v1/forecasts/q1/2026-11-20?tenant=acme`, { method: 'PUT', body: csv, headers: { ...auth, 'content-type': 'text/csv' } })).status).toBe(200);
    const whatIf = { from: '2026-11-20T14:00:00+08:00', to: '2026-11-20T14:30:00+08:00', agents: 2 };
    expect((await fetch(`${server.base}/api/v1/queues/q1/whatifs?tenant=acme`, { method: 'POST', body: JSON.stringify(whatIf), headers: auth })).status).toBe(201);
    expect((await fetch(`${server.base}/api/v1/displays`, { method: 'POST', body: JSON.stringify({ name: 'Lobby', tenants: ['acme', 'jade'] }), headers: auth })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(name: string, lang: string, width = 1366): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 768 } });
    await page.goto(`${server.base}/?lang=${lang}`);
    await page.locator('[data-testid=signin]').waitFor();
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=who]').waitFor();
    return page;
  }

  /** Everything on the page a person can read, tooltips and labels included. */
  const readable = (page: Page) => page.evaluate(() => document.body.innerText + ' ' + [...document.querySelectorAll('[title], [aria-label]')].map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`).join(' '));

  // By name as the page's language orders words: in English digits before letters (t3 before
  // Team), Latin before Han; in Chinese Han first.
  for (const [lang, order] of [
    ['en', ['t3', 'Team Kaohsiung', 'Team Taipei', '台中組']],
    ['zh-TW', ['台中組', 't3', 'Team Kaohsiung', 'Team Taipei']],
  ] as const) {
    it(`shows acme's team names on the wallboard tile and the adherence page by name, the unnamed t3 by its id, and never jade's (${lang})`, async () => {
      const page = await signIn('mgr', lang);
      try {
        const tile = page.locator('[data-testid=adherence-tile] [data-testid=team-name]');
        await expect.poll(() => tile.allInnerTexts()).toEqual(order);
        expect(await readable(page)).not.toContain('Jade Loans Desk');
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/team-names-wallboard-${lang}-1366.png` });

        await page.goto(`${server.base}/?lang=${lang}#/adherence`);
        const figures = page.locator('[data-testid=team-figures] strong');
        await expect.poll(() => figures.allInnerTexts()).toEqual(order);
        // The team filter offers the names (its first option is every team), and filtering by one still works.
        const filter = page.locator('[data-testid=adherence-team]');
        expect((await filter.locator('option').allInnerTexts()).slice(1)).toEqual(order);
        await filter.selectOption({ label: 'Team Kaohsiung' });
        await expect.poll(() => page.locator('[data-testid=adherence-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agent')))).toEqual(['a2']);
        expect(await readable(page)).not.toContain('Jade Loans Desk');
        // Not on the wire either: the floor the page is sent holds acme's team names only.
        const sent = await page.evaluate(() => fetch('/api/v1/snapshot').then((r) => r.text()));
        expect(sent).toContain('Team Kaohsiung');
        expect(sent).not.toContain('Jade Loans Desk');
      } finally {
        await page.close();
      }
    });
  }

  it("narrows the wallboard's agent board to one team: its picker names teams (with their client when several are shown), and acme's t1 is not jade's", async () => {
    const page = await signIn('boss', 'en');
    const names = () => page.locator('[data-testid=agent-board] tr[data-agent] td.name').allInnerTexts();
    try {
      const filter = page.locator('[data-testid=team-filter]');
      // Every client shown: each team with its client (the agents of no team are not a team to pick).
      await expect.poll(async () => (await filter.locator('option').allInnerTexts()).length).toBe(6);
      expect(await filter.locator('option').allInnerTexts()).toEqual(['All teams', 'Acme Bank · t3', 'Acme Bank · Team Kaohsiung', 'Acme Bank · Team Taipei', 'Acme Bank · 台中組', 'Jade Bank · Jade Loans Desk']);
      await expect.poll(names).toHaveLength(5);
      await filter.selectOption({ label: 'Acme Bank · Team Taipei' });
      await expect.poll(names).toEqual(['Ana']);
      expect(await page.locator('.board h2').textContent()).toBe('Agents (1)');
      await filter.selectOption({ label: 'Jade Bank · Jade Loans Desk' });
      await expect.poll(names).toEqual(['Jin']);
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/wallboard-team-filter-en-1366.png`, fullPage: true });
      // The choice is in the address: a wall screen opened from it (a bookmark, a reload) shows that team.
      expect(new URL(page.url()).hash).toBe(`#/?team=${encodeURIComponent(teamKey('jade', 't1'))}`);
      await page.reload();
      await expect.poll(names).toEqual(['Jin']);
      expect(await filter.inputValue()).toBe(teamKey('jade', 't1'));
      await filter.selectOption({ label: 'All teams' });
      await expect.poll(() => new URL(page.url()).hash).toBe('#/');
      // The header's Wallboard link (#/) from a team's board: every agent again, not the team kept under an address that names none.
      await filter.selectOption({ label: 'Acme Bank · Team Taipei' });
      await expect.poll(names).toEqual(['Ana']);
      await page.locator('nav a[href="#/"]').first().click();
      await expect.poll(names).toHaveLength(5);
      expect(await filter.inputValue()).toBe('');
      // Choosing a client starts its teams afresh: every agent of acme.
      await page.locator('[data-testid=tenant-filter]').selectOption({ label: 'Acme Bank' });
      await expect.poll(names).toHaveLength(4);
      expect((await filter.locator('option').allInnerTexts()).slice(1)).toEqual(['t3', 'Team Kaohsiung', 'Team Taipei', '台中組']);
    } finally {
      await page.close();
    }
  });

  it("names each person's teams on the People page from their own tenant: acme's t1 and jade's t1 apart", async () => {
    const page = await signIn('boss', 'en');
    try {
      await page.goto(`${server.base}/?lang=en#/admin`);
      const teams = (user: string) => page.locator(`[data-testid=users] tr[data-user=${user}] [data-testid=user-teams]`).innerText();
      await expect.poll(() => teams('lead1')).toBe('t3, Team Taipei');
      expect(await teams('jlead')).toBe('Jade Loans Desk');
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/team-names-people-en-1366.png`, fullPage: true });
    } finally {
      await page.close();
    }
    // A manager of acme sees acme's people only, by acme's names, and jade's name nowhere.
    const mgr = await signIn('mgr', 'zh-TW', 1024);
    try {
      await mgr.goto(`${server.base}/?lang=zh-TW#/admin`);
      await expect.poll(() => mgr.locator('[data-testid=users] tr[data-user=lead1] [data-testid=user-teams]').innerText()).toBe('t3、Team Taipei');
      expect(await readable(mgr)).not.toContain('Jade Loans Desk');
      if (SCREENS) await mgr.screenshot({ path: `${SCREENS}/team-names-people-zh-TW-1024.png`, fullPage: true });
    } finally {
      await mgr.close();
    }
  });

  it("names clients and a person's teams in the audit log by the names its reader may see, the ids in its tooltip, and words plan changes in the page language", async () => {
    const entry = (page: Page, user: string) => page.locator('[data-testid=audit] td[data-action="user.upsert"]', { hasText: new RegExp(`(user|使用者) ${user}[:：]`) });
    const settings = (page: Page) => page.locator('[data-testid=audit] td[data-action="tenant.settings"]');
    const plan = (page: Page) => page.locator('[data-testid=audit] td[data-action=plan]').allInnerTexts();
    const page = await signIn('boss', 'en');
    try {
      await page.goto(`${server.base}/?lang=en#/admin`);
      // In the order of their names, as on the People page; t3 has no name. Clients by their config names.
      await expect.poll(() => entry(page, 'lead1').innerText()).toBe('user lead1: Team lead of Acme Bank, teams t3, Team Taipei, password set');
      expect(await entry(page, 'lead1').getAttribute('title')).toBe('client ids: acme\nteam ids: t3, t1');
      expect(await entry(page, 'jlead').innerText()).toBe('user jlead: Team lead of Jade Bank, teams Jade Loans Desk, password set');
      expect(await entry(page, 'jlead').getAttribute('title')).toBe('client ids: jade\nteam ids: t1');
      // For a reader of both clients "t1" is two teams of two names: the id says which it is not.
      expect(await entry(page, 'both').innerText()).toBe('user both: Team lead of Acme Bank, Jade Bank, teams t1, password set');
      // An entry with no teams has the client ids alone; one for every client ('*') names no id.
      expect(await entry(page, 'mgr').getAttribute('title')).toBe('client ids: acme');
      expect(await entry(page, 'boss').innerText()).toBe('user boss: Administrator of every client, password set');
      expect(await entry(page, 'boss').getAttribute('title')).toBeNull();
      expect(await settings(page).innerText()).toBe('client Jade Bank: client viewers see agent names');
      expect(await settings(page).getAttribute('title')).toBe('client ids: jade');
      // Plan changes from their fields too: what changed, on which queue and day (newest first; a schedule for each client).
      expect(await plan(page)).toEqual(['what-if added to queue q1', 'forecast of queue q1 for Nov 20, 2026 imported', 'schedule for Nov 20, 2026 imported', 'schedule for Nov 20, 2026 imported']);
      if (SCREENS) await page.locator('[data-testid=audit]').screenshot({ path: `${SCREENS}/team-names-audit-en-1366.png` });
    } finally {
      await page.close();
    }
    // acme's manager reads acme's entries by acme's names only; not the one of both clients, whose
    // person it does not list either (it read 'Acme Bank, jade' before).
    const mgr = await signIn('mgr', 'zh-TW', 1024);
    try {
      await mgr.goto(`${server.base}/?lang=zh-TW#/admin`);
      await expect.poll(() => entry(mgr, 'lead1').innerText()).toBe('使用者 lead1：組長（Acme Bank），團隊 t3, Team Taipei，已設定密碼');
      expect(await entry(mgr, 'lead1').getAttribute('title')).toBe('客戶代號：acme\n團隊代號：t3, t1');
      expect(await entry(mgr, 'both').count()).toBe(0);
      expect(await entry(mgr, 'jlead').count()).toBe(0);
      // In Chinese, not the server's English: acme's what-if, forecast and schedule (jade's schedule is not the manager's).
      expect(await plan(mgr)).toEqual(['已在佇列 q1 新增假設情境', '已匯入佇列 q1 於 2026年11月20日 的預測', '已匯入 2026年11月20日 的班表']);
      expect(await readable(mgr)).not.toContain('Jade Loans Desk');
      expect(await readable(mgr)).not.toContain('Jade Bank');
      if (SCREENS) await mgr.locator('[data-testid=audit]').screenshot({ path: `${SCREENS}/team-names-audit-zh-TW-1024.png` });
    } finally {
      await mgr.close();
    }
  });

  it('names clients in the Users, Client settings and TV displays tables as the audit log does, the ids in the tooltip, and offers the reader\'s clients where one types ids', async () => {
    const cell = (page: Page, table: string, row: string, column: string) => page.locator(`[data-testid=${table}] tr[${row}] [data-testid=${column}]`);
    const user = (page: Page, name: string) => cell(page, 'users', `data-user=${name}`, 'user-clients');
    /** The choices a clients field's list offers: value and label of each option. */
    const choices = (page: Page, list: string) => page.locator(`datalist#${list} option`).evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    const page = await signIn('boss', 'en');
    try {
      await page.goto(`${server.base}/?lang=en#/admin`);
      await expect.poll(() => user(page, 'lead1').innerText()).toBe('Acme Bank');
      expect(await user(page, 'lead1').getAttribute('title')).toBe('client ids: acme');
      expect(await user(page, 'both').innerText()).toBe('Acme Bank, Jade Bank');
      expect(await user(page, 'both').getAttribute('title')).toBe('client ids: acme, jade');
      expect(await user(page, 'boss').innerText()).toBe('every client');
      expect(await user(page, 'boss').getAttribute('title')).toBeNull();
      const lobby = page.locator('[data-testid=displays] tr', { hasText: 'Lobby' }).locator('[data-testid=display-clients]');
      await expect.poll(() => lobby.innerText()).toBe('Acme Bank, Jade Bank');
      expect(await lobby.getAttribute('title')).toBe('client ids: acme, jade');
      const jade = page.locator('[data-testid=tenant-settings] tr[data-tenant=jade] td').first();
      expect([await jade.innerText(), await jade.getAttribute('title')]).toEqual(['Jade Bank', 'client ids: jade']);

      // The fields take ids, and say so; their lists offer the clients by name, every client only where it may be given.
      const field = page.locator('[data-testid=user-form] input[name=tenants]');
      expect(await field.getAttribute('placeholder')).toBe('client ids');
      expect(await choices(page, 'user-clients')).toEqual([['*', 'every client'], ['acme', 'Acme Bank'], ['jade', 'Jade Bank']]);
      expect(await choices(page, 'display-clients')).toEqual([['acme', 'Acme Bank'], ['jade', 'Jade Bank']]);
      // As ids are typed, the list completes the one after the last comma (a browser's list picks by arrow keys and Enter;
      // headless Chromium draws no list, so the offer is read here).
      await field.focus();
      await page.keyboard.type('acme, ');
      await expect.poll(() => choices(page, 'user-clients')).toEqual([['acme, jade', 'Jade Bank']]);
      await field.fill('');
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/people-names-en-1366.png`, fullPage: true });
    } finally {
      await page.close();
    }
    // acme's manager (who lists only people wholly of acme): acme by its name; its list offers acme alone, never jade's name.
    const mgr = await signIn('mgr', 'zh-TW', 1024);
    try {
      await mgr.goto(`${server.base}/?lang=zh-TW#/admin`);
      await expect.poll(() => user(mgr, 'lead1').innerText()).toBe('Acme Bank');
      expect(await user(mgr, 'lead1').getAttribute('title')).toBe('客戶代號：acme');
      expect(await mgr.locator('[data-testid=users] tr[data-user=both]').count()).toBe(0);
      expect(await mgr.locator('[data-testid=user-form] input[name=tenants]').getAttribute('placeholder')).toBe('客戶代號');
      expect(await choices(mgr, 'user-clients')).toEqual([['acme', 'Acme Bank']]);
      expect(await readable(mgr)).not.toContain('Jade Bank');
    } finally {
      await mgr.close();
    }
    // acme's admin: people, TV displays and audit entries wholly of acme (not the Lobby of both
    // clients, nor 'both'); its list offers acme alone, not every client, which it may not give.
    const acmeAdmin = await signIn('acmeboss', 'en');
    try {
      await acmeAdmin.goto(`${server.base}/?lang=en#/admin`);
      await expect.poll(() => user(acmeAdmin, 'lead1').innerText()).toBe('Acme Bank');
      expect(await acmeAdmin.locator('[data-testid=users] tr[data-user]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-user')).sort())).toEqual(['acmeboss', 'lead1', 'mgr']);
      await expect.poll(() => acmeAdmin.locator('[data-testid=displays] [data-testid=empty]').innerText()).toBe('No TV displays yet.');
      expect(await choices(acmeAdmin, 'user-clients')).toEqual([['acme', 'Acme Bank']]);
      expect(await acmeAdmin.locator('[data-testid=user-form] input[name=tenants]').getAttribute('title')).toBe('Client ids separated by commas; the field offers your clients as you type.');
      expect(await readable(acmeAdmin)).not.toContain('Jade Bank');
      expect(await readable(acmeAdmin)).not.toContain('Lobby');
    } finally {
      await acmeAdmin.close();
    }
  });
});
