/**
 * The intraday page offers plan changes (a what-if, the past-day re-run) only to the roles the
 * server lets change the plan (analyst, manager, admin). A team lead and a client viewer read
 * the what-ifs that shape the projection, with a note saying who adds them, and get no form:
 * before, they saw both forms and every Apply or Re-run ended in "your role may not do this".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable } from '../helpers/browser.ts';
import { serverAndBrowser } from '../helpers/browser-suite.ts';
import { ev } from '../helpers/events.ts';
import { addPeople } from '../helpers/people.ts';
import { ndjson } from '../helpers/server.ts';

const run = browserAvailable();
const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
const PEOPLE = [
  { name: 'plan1', role: 'analyst', tenants: ['default'], plans: true },
  { name: 'mgr', role: 'manager', tenants: ['default'], plans: true },
  { name: 'lead1', role: 'teamLead', tenants: ['default'], teams: ['t1'], plans: false },
  { name: 'client', role: 'clientViewer', tenants: ['default'], plans: false },
];

describe.runIf(run)('what-ifs and the past-day re-run by role', { timeout: 60_000 }, () => {
  const suite = serverAndBrowser({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) }, Date.parse('2026-11-20T13:10:00+08:00'));

  beforeAll(async () => {
    const events = [ev('agent.login', '08:00:00', { agentId: 'a1', name: 'Ana Lin', teamId: 't1', queues: ['q1'], state: 'available' }), ev('call.queued', '13:00:00', { callId: 'c1', queueId: 'q1' })];
    expect((await suite.server.post('/api/v1/events', ndjson(events), ADMIN)).status).toBe(200);
    await addPeople(suite.server.base, ADMIN, PEOPLE.map(({ plans: _p, ...u }) => u), PW);
  });

  async function intradayAs(name: string): Promise<Page> {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(suite.server.base + '/');
    await page.locator('[data-testid=signin]').waitFor();
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=who]').waitFor();
    await page.goto(suite.server.base + '/#/intraday?queue=q1');
    await page.locator('[data-testid=intraday-table]').waitFor();
    await page.locator('[data-testid=whatif-editor]').waitFor();
    return page;
  }

  for (const p of PEOPLE) {
    it(`${p.role} ${p.name} ${p.plans ? 'gets' : 'does not get'} the what-if form and the past-day re-run`, async () => {
      const page = await intradayAs(p.name);
      try {
        const editor = page.locator('[data-testid=whatif-editor]');
        expect(await editor.locator('[data-testid=whatif-add]').count()).toBe(p.plans ? 1 : 0);
        expect(await page.locator('[data-testid=past-day]').count()).toBe(p.plans ? 1 : 0);
        expect(await editor.locator('[data-testid=whatif-role-note]').count()).toBe(p.plans ? 0 : 1);
        if (!p.plans) expect(await editor.locator('[data-testid=whatif-role-note]').textContent()).toBe('Analysts, managers and administrators add what-ifs; the projection includes theirs.');
        // The list stays for everyone: the projection on the page includes the what-ifs in it.
        expect(await editor.locator('[data-testid=whatif-list]').textContent()).toBe('No what-ifs yet.');
      } finally {
        await page.close();
      }
    });
  }
});
