/**
 * Probe of the client report's outbound billing with two tenants that share a campaign id, a
 * queue id and attempt ids: tenant onyx runs the very same worked example as jade (campaign
 * `survey`, attempts d1-d10: 10 attempts, 4 contacts, 2 successes), so each tenant's report must
 * bill its own 2 successes, never 4. A client viewer of onyx asking for jade's report gets
 * exactly what an unknown client gets. (Checked: no leak; kept as a guard.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { campaignExample } from '../helpers/campaign-example.ts';
import { addPeople } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'report-two-tenants-admin-0123456789';
let server: Awaited<ReturnType<typeof startServer>>;
let onyxViewer: string;

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) }, Date.parse('2026-11-20T11:30:00+08:00'));
  for (const t of ['jade', 'onyx']) server.floor.engine.addQueue(makeQueueConfig('survey', t, { name: 'Survey' }));
  const onyx = campaignExample().map((e) => ({ ...e, id: `onyx-${String(e.id)}`, tenant: 'onyx' }));
  const events = [...campaignExample(), ...onyx];
  expect((await (await server.post('/api/v1/events', ndjson(events), ADMIN)).json()).accepted).toBe(events.length);
  server.clock.now = Date.parse('2026-11-20T12:00:01+08:00');
  onyxViewer = (await addPeople(server.base, ADMIN, [{ name: 'onyx-client', role: 'clientViewer', tenants: ['onyx'] }], 'correct horse battery'))['onyx-client'];
});
afterAll(() => server.stop());

const report = async (path: string, auth: Record<string, string> = { authorization: `Bearer ${ADMIN}` }) => {
  const res = await fetch(`${server.base}/api/v1/reports/${path}`, { headers: auth });
  return { status: res.status, text: await res.text() };
};

it('bills each tenant its own campaign successes, though both run campaign survey with the same attempt ids', async () => {
  await expect.poll(async () => JSON.parse((await report('jade?period=day&date=2026-11-20')).text).current.billable.successfulOutbound, { timeout: 5000, interval: 200 }).toBe(2);
  for (const t of ['jade', 'onyx']) {
    const r = JSON.parse((await report(`${t}?period=day&date=2026-11-20`)).text);
    expect(r.current.billable.successfulOutbound).toBe(2);
    // Its queues are its own two (a3 logs in to inbound): survey and inbound.
    expect(r.current.queues.map((q: { queueId: string }) => q.queueId)).toEqual(['inbound', 'survey']);
    expect(r.current.queues[1]).toMatchObject({ queueId: 'survey', kind: 'outbound', outbound: { attempts: 10, contacts: 4, successes: 2 } });
    expect((await report(`${t}.csv?period=day&date=2026-11-20`)).text).toContain('\nsuccessfulOutbound,2,0\n');
  }
});

it("answers a client viewer of onyx asking for jade's report exactly as for a client that does not exist", async () => {
  const viewer = { cookie: onyxViewer };
  expect((await report('onyx?period=day&date=2026-11-20', viewer)).status).toBe(200);
  for (const suffix of ['', '.csv']) {
    const jade = await report(`jade${suffix}?period=day&date=2026-11-20`, viewer);
    const ghost = await report(`ghost${suffix}?period=day&date=2026-11-20`, viewer);
    expect(jade.status).toBe(404);
    expect(jade.text).toBe(ghost.text.replaceAll('ghost', 'jade'));
    // Bad parameters do not tell them apart either: the 404 comes first.
    expect((await report(`jade${suffix}?period=year`, viewer)).text).toBe((await report(`ghost${suffix}?period=year`, viewer)).text.replaceAll('ghost', 'jade'));
  }
});
