/**
 * GET /schedules/:date builds its answer over turns of the event loop: the same answer as when it
 * was built in one go (a hand-worked rota of two tenants, read by an admin, a team lead and an
 * agent, with the same errors), and health answers while a big day's answer is still being built.
 *
 * Tenant acme: a1 (team t1), a2 (t2), a3 (t1), a4 on the rota only (no team); tenant globex: its
 * own a1 (team t1 too, which acme's lead of t1 must still not see) and g1. lead1 leads acme's t1;
 * ag1 is acme's agent a1.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeople, LEAD_AND_AGENT } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'schedule-read-admin-0123456789';
const PW = 'correct horse battery';
const DATE = '2026-11-20';
const T = (at: string, date = DATE) => `${date}T${at}:00+08:00`;
type Server = Awaited<ReturnType<typeof startServer>>;

const put = (server: Server, path: string, csv: string) =>
  fetch(server.base + path, { method: 'PUT', body: csv, headers: { 'content-type': 'text/csv', authorization: `Bearer ${ADMIN}` } });

describe('the answer of a hand-worked rota', () => {
  let server: Server;
  const cookie: Record<string, string> = {};
  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
    const login = (tenant: string, agentId: string, teamId: string) => ({ id: `${tenant}-${agentId}`, type: 'agent.login', ts: T('08:00'), tenant, agentId, teamId, state: 'available' });
    const events = [login('acme', 'a1', 't1'), login('acme', 'a2', 't2'), login('acme', 'a3', 't1'), login('globex', 'a1', 't1'), login('globex', 'g1', 't2')];
    expect((await server.post('/api/v1/events', ndjson(events), ADMIN).then((r) => r.json())).accepted).toBe(5);
    // a2 is named first, so it is acme's first agent scheduled; a3's two rows come in reverse order and between a1's.
    const acme = [
      `a2,${T('09:00')},${T('18:00')},phone`,
      `a1,${T('08:00')},${T('12:00')},phone`,
      `a3,${T('10:00')},${T('10:15')},break`,
      `a1,${T('12:00')},${T('13:00')},lunch`,
      `a3,${T('07:30')},${T('07:45')},meeting`,
      `a1,${T('13:00')},${T('17:00')},phone`,
      `a4,${T('12:00')},${T('20:00')},phone`,
    ];
    expect((await put(server, `/api/v1/schedules/${DATE}?tenant=acme`, `agent_id,start,end,activity\n${acme.join('\n')}\n`)).status).toBe(200);
    // Another day of a2: not in the answer for DATE.
    expect((await put(server, '/api/v1/schedules/2026-11-21?tenant=acme', `agent_id,start,end,activity\na2,${T('09:00', '2026-11-21')},${T('18:00', '2026-11-21')},training\n`)).status).toBe(200);
    const globex = [`g1,${T('14:00')},${T('22:00')},phone`, `a1,${T('06:00')},${T('14:00')},phone`];
    expect((await put(server, `/api/v1/schedules/${DATE}?tenant=globex`, `agent_id,start,end,activity\n${globex.join('\n')}\n`)).status).toBe(200);
    Object.assign(cookie, await addPeople(server.base, ADMIN, LEAD_AND_AGENT, PW));
  });
  afterAll(() => server.stop());

  const get = async (path: string, who: 'admin' | 'lead1' | 'ag1' = 'admin', headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.base}/api/v1/schedules/${path}`, { headers: { ...headers, ...(who === 'admin' ? { authorization: `Bearer ${ADMIN}` } : { cookie: cookie[who] }) } });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), etag: res.headers.get('etag'), text, body: text ? JSON.parse(text) : null };
  };
  const seg = (tenant: string, agentId: string, start: string, end: string, activity: string) => ({ tenant, agentId, start: T(start), end: T(end), activity });
  // Tenants as the floor first saw them (acme's logins came first), agents as first scheduled, each agent's by start.
  const acmeA2 = [seg('acme', 'a2', '09:00', '18:00', 'phone')];
  const acmeA1 = [seg('acme', 'a1', '08:00', '12:00', 'phone'), seg('acme', 'a1', '12:00', '13:00', 'lunch'), seg('acme', 'a1', '13:00', '17:00', 'phone')];
  const acmeA3 = [seg('acme', 'a3', '07:30', '07:45', 'meeting'), seg('acme', 'a3', '10:00', '10:15', 'break')];
  const acmeA4 = [seg('acme', 'a4', '12:00', '20:00', 'phone')];
  const globex = [seg('globex', 'g1', '14:00', '22:00', 'phone'), seg('globex', 'a1', '06:00', '14:00', 'phone')];

  it('gives an admin every agent of both tenants, as JSON with the same bytes and a weak ETag of them', async () => {
    const all = await get(DATE);
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ date: DATE, segments: [...acmeA2, ...acmeA1, ...acmeA3, ...acmeA4, ...globex] });
    expect(all.text).toBe(JSON.stringify(all.body));
    expect(all.type).toBe('application/json; charset=utf-8');
    // Express's weak ETag: the body's length in hex, then its SHA-1; asked again with it, 304 and no
    // body (a Cache-Control of our own, or fetch adds `no-cache` to an If-None-Match, which forbids a 304).
    expect(all.etag).toMatch(new RegExp(`^W/"${Buffer.byteLength(all.text).toString(16)}-[A-Za-z0-9+/]{27}"$`));
    expect(await get(DATE, 'admin', { 'if-none-match': all.etag!, 'cache-control': 'max-age=0' })).toMatchObject({ status: 304, text: '' });
  });

  it('limits the answer to a tenant, an agent, a team lead its team, an agent itself', async () => {
    expect((await get(`${DATE}?tenant=globex`)).body).toEqual({ date: DATE, segments: globex });
    expect((await get(`${DATE}?tenant=acme&agentId=a3`)).body).toEqual({ date: DATE, segments: acmeA3 });
    expect((await get(`${DATE}?tenant=globex&agentId=a1`)).body).toEqual({ date: DATE, segments: globex.slice(1) });
    expect((await get(DATE, 'lead1')).body).toEqual({ date: DATE, segments: [...acmeA1, ...acmeA3] });
    expect((await get(DATE, 'ag1')).body).toEqual({ date: DATE, segments: acmeA1 });
    expect((await get('2026-11-22')).body).toEqual({ date: '2026-11-22', segments: [] });
  });

  it('pages by agent when asked: limit agents from offset among those with segments on the day, and their total', async () => {
    // The admin's agents of DATE in order: acme a2, a1, a3, a4, globex g1, a1 (six).
    expect((await get(`${DATE}?offset=1&limit=2`)).body).toEqual({ date: DATE, total: 6, segments: [...acmeA1, ...acmeA3] });
    expect((await get(`${DATE}?offset=4`)).body).toEqual({ date: DATE, total: 6, segments: globex });
    expect((await get(`${DATE}?limit=1`)).body).toEqual({ date: DATE, total: 6, segments: acmeA2 });
    expect((await get(`${DATE}?limit=0`)).body).toEqual({ date: DATE, total: 6, segments: [] });
    expect((await get(`${DATE}?offset=6&limit=10`)).body).toEqual({ date: DATE, total: 6, segments: [] });
    // A team lead's pages count its team's agents only; on the 21st only a2 has segments.
    expect((await get(`${DATE}?offset=1&limit=5`, 'lead1')).body).toEqual({ date: DATE, total: 2, segments: acmeA3 });
    expect((await get('2026-11-21?tenant=acme&limit=5')).body).toEqual({ date: '2026-11-21', total: 1, segments: [{ tenant: 'acme', agentId: 'a2', start: T('09:00', '2026-11-21'), end: T('18:00', '2026-11-21'), activity: 'training' }] });
    expect((await get(`${DATE}?limit=-1`)).body).toEqual({ error: 'limit: "-1" is not a whole number from 0 to 1000000' });
    expect((await get(`${DATE}?offset=1.5`)).body).toEqual({ error: 'offset: "1.5" is not a whole number from 0 to 1000000' });
    expect((await get(`${DATE}?offset=`)).status).toBe(400);
  });

  it('refuses as before: an agent out of sight like an unknown one, a bad date, an unknown parameter, an empty agentId', async () => {
    const ghost = await get(`${DATE}?agentId=ghost`, 'lead1');
    expect(ghost).toMatchObject({ status: 404, body: { error: 'agent "ghost" not found', code: 'owned.notFound', params: { kind: 'agent', id: 'ghost' } } });
    expect((await get(`${DATE}?agentId=a2`, 'lead1')).text).toBe(ghost.text.replaceAll('ghost', 'a2'));
    expect((await get('2026-13-01')).body).toEqual({ error: 'date: "2026-13-01" is not a date of the form YYYY-MM-DD' });
    expect((await get(`${DATE}?team=t1`)).body).toEqual({ error: '"team" is not a parameter here; known: tenant, agentId, offset, limit' });
    expect((await get(`${DATE}?agentId=`)).body).toEqual({ error: 'agentId: empty; give an id or leave the parameter out' });
    expect((await get(`${DATE}?tenant=initech`, 'lead1')).status).toBe(404);
  });
});

describe('a big day', () => {
  let server: Server;
  afterAll(() => server?.stop());

  it('is read while health answers: health is answered before the GET has started its answer', async () => {
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
    // 5,000 agents of twelve 40-minute segments every 45 minutes from 06:00: 60,000 segments.
    const acts = ['phone', 'break', 'phone', 'lunch', 'phone', 'meeting', 'phone', 'phone', 'training', 'phone', 'coaching', 'phone'];
    const rows: string[] = [];
    const at = (minutes: number) => T(`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
    for (let a = 0; a < 5000; a++) for (let k = 0; k < 12; k++) rows.push(`b${String(a).padStart(4, '0')},${at(360 + 45 * k)},${at(400 + 45 * k)},${acts[k]}`);
    const r = await put(server, `/api/v1/schedules/${DATE}?tenant=acme`, `agent_id,start,end,activity\n${rows.join('\n')}\n`);
    expect(await r.json()).toEqual({ tenant: 'acme', date: DATE, segments: 60_000, agents: 5000 });

    // The GET by node:http, so we know when it has been sent and when its answer starts (its headers).
    let started = false;
    let sent!: () => void;
    const onItsWay = new Promise<void>((resolve) => (sent = resolve));
    const answer = new Promise<string>((resolve, reject) => {
      const req = request(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { headers: { authorization: `Bearer ${ADMIN}` } }, (res) => {
        started = true;
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => resolve(Buffer.concat(parts).toString()));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(sent);
    });
    // Health asked only once the GET is written to its socket, and a timer later: this process is
    // the server's too, so when one turn builds the whole answer (as it once did) the timer fires
    // after it, and no health can be answered before the answer starts.
    await onItsWay;
    await new Promise((resolve) => setTimeout(resolve, 5));
    let healthBeforeAnswer = 0;
    while (!started) {
      await (await fetch(`${server.base}/api/v1/health`)).arrayBuffer();
      if (!started) healthBeforeAnswer++;
    }
    expect(healthBeforeAnswer).toBeGreaterThanOrEqual(1);
    const body = JSON.parse(await answer) as { date: string; segments: { tenant: string; agentId: string; start: string; end: string; activity: string }[] };
    expect(body.segments.map((s) => `${s.agentId},${s.start},${s.end},${s.activity}`).join('\n')).toBe(rows.join('\n'));
    expect(new Set(body.segments.map((s) => s.tenant))).toEqual(new Set(['acme']));
  }, 60_000);
});
