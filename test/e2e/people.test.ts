import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { ndjson, startServer } from '../helpers/server.ts';

/** Set SCREENS_DIR to keep the screenshots (looked at in review); none are written otherwise. */
const SCREENS = process.env.SCREENS_DIR;

const run = browserAvailable();
const ADMIN = 'admin-token-0123456789';
const INGEST = 'ingest-token-0123456789';
const PW = 'correct horse battery';
const acme = (id: string, type: string, at: string, f: object) => ({ id, type, ts: `2026-11-20T${at}+08:00`, tenant: 'acme', ...f });

/**
 * What each person must see (queue tiles, agent lines, the People link) and must NOT see
 * anywhere on the wallboard (`hidden`: other teams' or tenants' agents and queues, names a
 * client viewer may not have). acme keeps the default (client viewers see ids); jade lets its
 * client viewers see names.
 */
const PEOPLE = [
  { name: 'boss', role: 'admin', tenants: ['*'], queues: ['care', 'jq', 'sales'], agents: ['Ana Lin', 'Bo Chen', 'Jin'], hidden: [], admin: true },
  { name: 'mgr', role: 'manager', tenants: ['acme'], queues: ['care', 'sales'], agents: ['Ana Lin', 'Bo Chen'], hidden: ['Jin', 'jade', 'jq'], admin: true },
  { name: 'plan1', role: 'analyst', tenants: ['acme'], queues: ['care', 'sales'], agents: ['Ana Lin', 'Bo Chen'], hidden: ['Jin', 'jade', 'jq'], admin: false },
  { name: 'lead1', role: 'teamLead', tenants: ['acme'], teams: ['t1'], queues: ['care', 'sales'], agents: ['Ana Lin'], hidden: ['Bo Chen', 'Jin', 'jq'], admin: false },
  { name: 'ag1', role: 'agent', tenants: ['acme'], agentId: 'a1', queues: ['sales'], agents: ['Ana Lin'], hidden: ['Bo Chen', 'Jin', 'care', 'jq'], admin: false },
  { name: 'client', role: 'clientViewer', tenants: ['acme'], queues: ['care', 'sales'], agents: ['a1', 'a2'], hidden: ['Ana Lin', 'Bo Chen', 'Jin', 'jq'], admin: false },
  { name: 'jclient', role: 'clientViewer', tenants: ['jade'], queues: ['jq'], agents: ['Jin'], hidden: ['Ana Lin', 'Bo Chen', 'a1', 'a2', 'care', 'sales'], admin: false },
];

describe.runIf(run)('signing in as each role in Chromium', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({
      FLOORBOARD_TOKENS: JSON.stringify([
        { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
        { token: INGEST, name: 'feed', tenants: ['*'], role: 'ingest' },
      ]),
    });
    await server.post(
      '/api/v1/events',
      ndjson([
        acme('1', 'agent.login', '08:00:00', { agentId: 'a1', name: 'Ana Lin', teamId: 't1', queues: ['sales'], state: 'available' }),
        acme('2', 'agent.login', '08:00:00', { agentId: 'a2', name: 'Bo Chen', teamId: 't2', queues: ['care'], state: 'available' }),
        acme('3', 'call.queued', '09:30:00', { callId: 'c1', queueId: 'sales' }),
        acme('4', 'call.queued', '09:30:10', { callId: 'c2', queueId: 'care' }),
        { id: '5', type: 'agent.login', ts: '2026-11-20T08:00:00+08:00', tenant: 'jade', agentId: 'j1', name: 'Jin', teamId: 't9', queues: ['jq'], state: 'available' },
      ]),
      ADMIN,
    );
    const jade = await fetch(server.base + '/api/v1/tenants/jade/settings', { method: 'PUT', body: JSON.stringify({ clientViewerAgentNames: true }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    expect(jade.status).toBe(200);
    for (const { queues: _q, agents: _a, admin: _m, hidden: _h, ...u } of PEOPLE) {
      const res = await fetch(server.base + '/api/v1/users', { method: 'POST', body: JSON.stringify({ ...u, password: PW }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(201);
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(name: string, password = PW): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.base + '/');
    await page.locator('[data-testid=signin]').waitFor();
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    return page;
  }

  it('keeps a wrong password out with a message', async () => {
    const page = await signIn('mgr', 'not the password');
    expect(await page.locator('[data-testid=signin-error]').textContent()).toBe('Could not sign in: wrong name or password');
    await page.close();
  });

  for (const p of PEOPLE) {
    it(`${p.role} ${p.name} sees ${p.queues.join(', ')} and ${p.agents.join(', ')}${p.admin ? ', and manages people' : ''}`, async () => {
      const page = await signIn(p.name);
      await page.locator('[data-testid=who]').waitFor();
      expect(await page.locator('[data-testid=who]').textContent()).toContain(p.name);
      const tiles = page.locator('[data-testid=queue-tile]');
      await expect.poll(async () => (await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-queue')))).sort()).toEqual(p.queues);
      const rows = page.locator('[data-testid=agent-board] tbody tr');
      await expect.poll(() => rows.count()).toBe(p.agents.length);
      const board = (await page.locator('[data-testid=agent-board]').textContent()) ?? '';
      for (const a of p.agents) expect(board).toContain(a);
      // What the role must not see, anywhere on the page (tiles, board, alerts, tooltips).
      const all = await page.evaluate(() => document.body.innerText + [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title')).join(' '));
      const words = new Set(all.split(/[^A-Za-z0-9]+/).concat(all.split(/\n/)));
      for (const h of p.hidden) expect([h, h.includes(' ') ? all.includes(h) : words.has(h)]).toEqual([h, false]);
      expect(await page.locator('nav a[href="#/admin"]').count()).toBe(p.admin ? 1 : 0);
      await page.goto(server.base + '/#/admin');
      await page.locator('[data-testid=admin]').waitFor();
      if (p.admin) {
        await page.locator('[data-testid=users] tbody tr').first().waitFor();
        const listed = await page.locator('[data-testid=users] tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-user')));
        expect(listed.includes('boss')).toBe(p.role === 'admin');
        expect(await page.locator('[data-testid=displays]').count()).toBe(p.role === 'admin' ? 1 : 0);
        // The tenant settings list the clients this person manages, and no other.
        await expect.poll(() => page.locator('[data-testid=tenant-settings] tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-tenant')).sort())).toEqual(p.role === 'admin' ? ['acme', 'jade'] : ['acme']);
      } else {
        expect(await page.locator('[data-testid=admin]').textContent()).toContain('Only administrators and managers manage people.');
        expect(await page.locator('[data-testid=users], [data-testid=audit], [data-testid=tenant-settings]').count()).toBe(0);
      }
      await page.close();
    });
  }

  it('refuses the ingest role (a feed token, no person): no floor, no agents, a refusal in the badge', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.base}/?token=${INGEST}#/`);
    const badge = page.locator('[data-testid=connection]');
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toContain('Not allowed: your role may not do this');
    expect(await page.locator('[data-testid=queue-tile]').count()).toBe(0);
    expect(await page.locator('[data-testid=agent-board] tbody tr').count()).toBe(0);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/Ana Lin|Bo Chen|Jin/);
    await page.close();
  });

  it('lets a manager allow agent names for client viewers on the admin page, audited in the page language', async () => {
    const mgr = await signIn('mgr');
    await mgr.locator('[data-testid=who]').waitFor();
    await mgr.goto(server.base + '/?lang=zh-TW#/admin');
    const box = mgr.locator('[data-testid=tenant-settings] tr[data-tenant=acme] input[type=checkbox]');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await expect.poll(() => mgr.locator('[data-testid=audit]').textContent(), { timeout: 10_000 }).toContain('客戶 acme：客戶檢視者可看到客服人員姓名');
    await mgr.close();

    const client = await signIn('client');
    await client.locator('[data-testid=agent-board] tbody tr').first().waitFor();
    await expect.poll(() => client.locator('[data-testid=agent-board]').textContent(), { timeout: 10_000 }).toContain('Ana Lin');
    await client.close();

    // Back to the default for the other tests: ids only.
    const res = await fetch(server.base + '/api/v1/tenants/acme/settings', { method: 'PUT', body: JSON.stringify({ clientViewerAgentNames: false }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    expect(await res.json()).toEqual({ tenant: 'acme', clientViewerAgentNames: false });
  }, 60_000);

  it('lets an admin create a user on the admin page, and a manager disable one', async () => {
    const page = await signIn('boss');
    await page.locator('[data-testid=who]').waitFor();
    await page.goto(server.base + '/#/admin');
    const form = page.locator('[data-testid=user-form]');
    await form.waitFor();
    await form.locator('input[name=name]').fill('newbie');
    await form.locator('select[name=role]').selectOption('agent');
    await form.locator('input[name=tenants]').fill('acme');
    await form.locator('input[name=password]').fill(PW);
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=users] tr[data-user=newbie]').waitFor();
    await expect.poll(() => page.locator('[data-testid=audit]').textContent(), { timeout: 10_000 }).toContain('user newbie: Agent of acme, password set');
    // When, on the centre's 24-hour clock like every other time on the floor (the server's clock is 09:31:00 Taipei), not '9:31:00 AM'.
    expect(await page.locator('[data-testid=audit] tbody tr td').first().innerText()).toBe('Nov 20, 2026, 09:31:00');
    // boss is a person; the setup's users were made by the token ops, which the page marks as one.
    expect(await page.locator('[data-testid=audit] tbody tr').first().locator('td').nth(1).innerText()).toBe('boss');
    expect(await page.locator('[data-testid=audit] tbody tr').last().locator('td').nth(1).innerText()).toBe('ops (token)');
    if (SCREENS) await page.screenshot({ path: `${SCREENS}/people-audit-kinds.png`, fullPage: true });
    await page.close();

    const mgr = await signIn('mgr');
    await mgr.locator('[data-testid=who]').waitFor();
    await mgr.goto(server.base + '/#/admin');
    const row = mgr.locator('[data-testid=users] tr[data-user=newbie]');
    await row.waitFor();
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row.textContent()).toContain('Disabled');
    await mgr.close();
  }, 60_000);

  it("lets an admin give a display its language on the admin page: its address carries it, its row shows it", async () => {
    const page = await signIn('boss');
    await page.locator('[data-testid=who]').waitFor();
    await page.goto(server.base + '/#/admin');
    const form = page.locator('[data-testid=display-form]');
    await form.waitFor();
    await form.locator('input[name=name]').fill('Lobby TV');
    await form.locator('input[name=tenants]').fill('acme');
    await form.locator('select[name=lang]').selectOption('zh-TW');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('[data-testid=display-url] code').textContent(), { timeout: 10_000 }).toMatch(/[?&]lang=zh-TW/);
    const row = page.locator('[data-testid=displays] tbody tr', { hasText: 'Lobby TV' });
    await expect.poll(() => row.locator('[data-testid=display-lang]').textContent()).toBe('繁體中文');
    const listed = (await (await fetch(server.base + '/api/v1/displays', { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { displays: { name: string; lang: string | null }[] };
    expect(listed.displays.find((d) => d.name === 'Lobby TV')?.lang).toBe('zh-TW');
    await page.close();
  }, 60_000);

  it("lines each entry field up under its heading in the users and displays tables, at 1366 and 1920 px, in English and Chinese", async () => {
    const page = await signIn('boss');
    await page.locator('[data-testid=who]').waitFor();
    for (const lang of ['en', 'zh-TW']) {
      await page.goto(`${server.base}/?lang=${lang}#/admin`);
      await page.locator('[data-testid=users] tbody tr').first().waitFor();
      for (const width of [1366, 1920]) {
        await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
        // Per column with a field: the field's left edge less the heading text's left edge, and the widths likewise (px).
        const gaps = await page.evaluate(() =>
          (['users', 'displays'] as const).flatMap((table) => {
            const heads = [...document.querySelectorAll(`[data-testid=${table}] thead th`)];
            const fields = [...document.querySelectorAll(`[data-testid=${table === 'users' ? 'user-form' : 'display-form'}] td`)].map((td) => td.querySelector('input, select'));
            return fields.flatMap((field, i) => {
              if (!field) return [];
              const th = heads[i].getBoundingClientRect();
              const pad = getComputedStyle(heads[i]);
              const textLeft = th.left + parseFloat(pad.paddingLeft);
              const textWidth = th.width - parseFloat(pad.paddingLeft) - parseFloat(pad.paddingRight);
              const f = field.getBoundingClientRect();
              return [{ table, column: i, dx: Math.round(f.left - textLeft), dw: Math.round(f.width - textWidth) }];
            });
          }),
        );
        // Users: name, role, clients, teams, agent id, and the password under status; displays: name, clients, seconds, language.
        expect(gaps.map((g) => `${g.table} ${g.column}`)).toEqual(['users 0', 'users 1', 'users 2', 'users 3', 'users 4', 'users 5', 'displays 0', 'displays 1', 'displays 2', 'displays 3']);
        for (const g of gaps) expect([lang, width, g.table, g.column, Math.abs(g.dx) <= 2, Math.abs(g.dw) <= 2]).toEqual([lang, width, g.table, g.column, true, true]);
        // Nothing runs off the right edge, and the role choice shows its longest option whole.
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
        const role = page.locator('[data-testid=user-form] select[name=role]');
        await role.selectOption('clientViewer');
        expect(await role.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        if (SCREENS) await page.screenshot({ path: `${SCREENS}/people-${lang}-${width}.png`, fullPage: true });
      }
    }
    await page.close();
  }, 60_000);

  it('never shows a sign-in page on the TV, even without a token', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(server.base + '/#/tv');
    await page.locator('[data-testid=tv-waiting]').waitFor();
    expect(await page.locator('[data-testid=signin]').count()).toBe(0);
    await page.close();
  });

  it("signs out from the header's account menu", async () => {
    const page = await signIn('plan1');
    await page.locator('[data-testid=account-menu]').click();
    await page.locator('[data-testid=sign-out]').click();
    await page.locator('[data-testid=signin]').waitFor();
    await page.close();
  });
});

describe.runIf(run)('the People page of a fresh server in Chromium', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    // No simulator, no users, no displays, no events: every table on the page is empty.
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const EMPTY = {
    en: { users: 'No users yet.', 'tenant-settings': 'No clients on the floor yet: a client appears when its first events arrive or when it is set up in the configuration file.', displays: 'No TV displays yet.', audit: 'No changes recorded yet.' },
    'zh-TW': { users: '尚無使用者。', 'tenant-settings': '現場尚無客戶：客戶收到第一筆事件，或在設定檔中設定後就會出現。', displays: '尚無電視顯示器。', audit: '尚無變更紀錄。' },
  };
  for (const [lang, lines] of Object.entries(EMPTY)) {
    it(`says in one muted line that each table is empty, in ${lang}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(`${server.base}/?token=${ADMIN}&lang=${lang}#/admin`);
      await page.locator('[data-testid=users] [data-testid=empty]').waitFor();
      for (const [table, line] of Object.entries(lines)) {
        const cell = page.locator(`[data-testid=${table}] tbody [data-testid=empty]`);
        expect([table, await cell.innerText()]).toEqual([table, line]);
        // Muted like the section headings, and one line box across the table (the cell spans every column).
        const look = await cell.evaluate((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          const row = td.closest('table')!.querySelector('thead tr, tbody tr');
          return { muted: getComputedStyle(td).color === getComputedStyle(document.querySelector('.admin h2')!).color, lines: range.getClientRects().length, spans: (td as HTMLTableCellElement).colSpan === (row as HTMLTableRowElement).cells.length || !td.closest('table')!.querySelector('thead') };
        });
        expect([table, look]).toEqual([table, { muted: true, lines: 1, spans: true }]);
        expect(await page.locator(`[data-testid=${table}] tbody tr`).count()).toBe(1);
      }
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/people-fresh-${lang}.png`, fullPage: true });
      await page.close();
    });
  }
});
